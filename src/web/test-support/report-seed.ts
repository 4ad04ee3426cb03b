// Three vendors whose report-card figures are worked out by hand (src/web/api/report.test.ts):
// a resolves in 1 h and 3 h, posts a postmortem for one of them after 2 days; b resolves in
// 10 min with a postmortem a day later; c resolves in 2 h with no postmortem.
import type { Phase } from '../../domain/vocabulary.js';
import type { Impact } from '../../domain/vocabulary.js';
import {
  observedIncident,
  observedUpdate,
  openTestStore,
  snapshot,
  vendor,
  type TestStore,
} from './seed.js';

export const reportNow = '2025-06-30T00:00:00.000Z';

const at = (day: number, minutes: number) =>
  new Date(Date.UTC(2025, 5, day) + minutes * 60_000).toISOString();

function resolved(id: string, impact: Impact, day: number, steps: Array<[Phase, number]>) {
  const last = steps.filter(([phase]) => phase !== 'postmortem').at(-1)![1];
  return observedIncident(id, {
    impact,
    phase: steps.at(-1)![0],
    startedAt: at(day, 0),
    resolvedAt: at(day, last),
    updates: steps.map(([phase, minutes], n) =>
      observedUpdate(`${id}-u${n}`, phase, at(day, minutes)),
    ),
  });
}

export async function seedReportStore(): Promise<TestStore> {
  const store = await openTestStore(
    [vendor('a', 'Alpha'), vendor('b', 'Beta'), vendor('c', 'Gamma')],
    '2025-05-01T00:00:00.000Z',
  );
  const day = 24 * 60;
  await store.poll(
    'a',
    snapshot([
      resolved('a1', 'critical', 1, [
        ['investigating', 0],
        ['identified', 20],
        ['resolved', 60],
        ['postmortem', 60 + 2 * day],
      ]),
      resolved('a2', 'minor', 2, [
        ['investigating', 0],
        ['monitoring', 30],
        ['resolved', 180],
      ]),
    ]),
    reportNow,
  );
  await store.poll(
    'b',
    snapshot([
      resolved('b1', 'major', 5, [
        ['investigating', 0],
        ['monitoring', 5],
        ['resolved', 10],
        ['postmortem', 10 + day],
      ]),
    ]),
    reportNow,
  );
  await store.poll(
    'c',
    snapshot([
      resolved('c1', 'major', 6, [
        ['investigating', 0],
        ['resolved', 120],
      ]),
    ]),
    reportNow,
  );
  return store;
}
