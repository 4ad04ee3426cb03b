// A store whose vendor, components, titles, bodies, links and later edits are all hostile. The
// bodies are stored raw, as if an adapter had let them through, so the pages' own sanitizing
// (defence in depth) is what the tests see.
import {
  observedIncident,
  observedUpdate,
  openTestStore,
  snapshot,
  vendor,
  type TestStore,
} from '../../test-support/seed.js';
import {
  hostileComponents,
  hostileName,
  hostileTitle,
  templateVector,
  xssVectors,
} from './xss-vectors.js';

export const hostileNow = '2025-09-10T22:10:00.000Z';
export const hostileIncidentId = 'evil-x1';

function hostileIncident(bodies: readonly string[]) {
  return observedIncident('x1', {
    title: hostileTitle,
    impact: 'critical',
    phase: 'identified',
    startedAt: '2025-09-10T20:00:00.000Z',
    sourceUrl: 'javascript:window.__xss=1',
    components: hostileComponents,
    updates: bodies.map((body, index) =>
      observedUpdate(
        `x1-u${index}`,
        index === 0 ? 'investigating' : 'identified',
        new Date(Date.parse('2025-09-10T20:00:00.000Z') + index * 60_000).toISOString(),
        body,
      ),
    ),
  });
}

export async function openHostileStore(): Promise<TestStore> {
  const testStore = await openTestStore(
    [
      vendor('evil', hostileName, {
        statusPageUrl: 'javascript:window.__xss=1',
        category: 'other',
      }),
    ],
    '2025-09-01T00:00:00.000Z',
  );
  const components = hostileComponents.map((name, position) => ({
    id: `c${position}`,
    name,
    group: position === 0 ? '<img src=x onerror=window.__xss=1>Group' : null,
    status: 'major_outage' as const,
    position,
  }));
  const bodies = [...xssVectors, templateVector];
  await testStore.poll(
    'evil',
    snapshot([hostileIncident(bodies)], components),
    '2025-09-10T20:05:00.000Z',
  );
  // A later edit of the first update's text and of the title: both kept as revisions.
  const edited = [xssVectors[1]!, ...bodies.slice(1)];
  await testStore.poll(
    'evil',
    snapshot([{ ...hostileIncident(edited), title: `${hostileTitle} (edited)` }], components),
    '2025-09-10T21:00:00.000Z',
  );
  return testStore;
}
