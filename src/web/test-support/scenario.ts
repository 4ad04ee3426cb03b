// The data set the app tests share: four vendors in every state the API distinguishes, an
// incident with the reference page's shape (balena, 8h 20m, 6 components, a title edit), and
// 120 historical GitHub incidents for paging.
import type { VendorEvent } from '../../domain/model.js';
import type { ObservedComponent, ObservedIncident } from '../../domain/snapshot.js';
import type { Impact } from '../../domain/vocabulary.js';
import {
  observedIncident,
  observedUpdate,
  openTestStore,
  snapshot,
  vendor,
  type TestStore,
} from './seed.js';

export const now = '2025-09-10T22:10:00.000Z';
const t0 = '2025-09-10T13:00:00.000Z';
export const t1 = '2025-09-10T13:50:00.000Z';
export const t2 = '2025-09-10T14:30:00.000Z';
export const t3 = '2025-09-10T22:07:31.000Z';

export const balenaIncidentId = 'balena-8gq2x9k1mlh4';
export const balenaMaintenanceId = 'balena-mnt1';
export const githubActiveId = 'github-gh-active';
export const githubHistoryCount = 120;
const impactCycle: Impact[] = ['minor', 'major', 'critical', 'notice'];

export interface Scenario {
  testStore: TestStore;
  /** Every event recorded, in recording order. */
  events: VendorEvent[];
}

function components(apiStatus: ObservedComponent['status']): ObservedComponent[] {
  return [
    { id: 'c-api', name: 'API', group: null, status: apiStatus, position: 0 },
    { id: 'c-os', name: 'BalenaOS Download', group: null, status: 'operational', position: 1 },
    { id: 'c-dash', name: 'Dashboard', group: null, status: 'operational', position: 2 },
    { id: 'c-vpn', name: 'Cloudlink (VPN)', group: 'Network', status: 'operational', position: 3 },
  ];
}

const oldBalena = observedIncident('old1', {
  title: 'Delayed builds',
  phase: 'resolved',
  startedAt: '2025-09-01T10:00:00.000Z',
  resolvedAt: '2025-09-01T11:30:00.000Z',
  updates: [
    observedUpdate('old1-u1', 'investigating', '2025-09-01T10:00:00.000Z'),
    observedUpdate('old1-u2', 'resolved', '2025-09-01T11:30:00.000Z'),
  ],
});

const affected = ['API', 'BalenaOS Download', 'Dashboard', 'Cloudlink (VPN)', 'Builder', 'Proxy'];
const u1 = observedUpdate(
  'u1',
  'investigating',
  '2025-09-10T13:47:31.000Z',
  'We are <b>investigating</b> errors.',
);
const u2 = observedUpdate(
  'u2',
  'identified',
  '2025-09-10T14:25:00.000Z',
  'The cause is known & being fixed.',
);
const u3 = observedUpdate('u3', 'resolved', t3, 'This incident has been resolved.');

function balenaIncident(stage: 1 | 2 | 3): ObservedIncident {
  return observedIncident('8gq2x9k1mlh4', {
    title: stage === 1 ? 'Elevated API Errors' : 'Elevated API errors on balenaCloud',
    impact: 'notice',
    phase: stage === 1 ? 'investigating' : stage === 2 ? 'identified' : 'resolved',
    startedAt: '2025-09-10T13:47:31.000Z',
    resolvedAt: stage === 3 ? t3 : null,
    sourceUrl: 'https://status.balena.io/incidents/8gq2x9k1mlh4',
    components: affected,
    updates: [u1, u2, u3].slice(0, stage),
  });
}

const maintenance = observedIncident('mnt1', {
  title: 'Database upgrade',
  kind: 'maintenance',
  impact: 'maintenance',
  phase: 'in_progress',
  startedAt: '2025-09-10T22:00:00.000Z',
  components: ['Dashboard'],
  scheduledFor: '2025-09-10T22:00:00.000Z',
  scheduledUntil: '2025-09-10T23:00:00.000Z',
  updates: [observedUpdate('mnt1-u1', 'in_progress', '2025-09-10T22:00:00.000Z')],
});

/** Day n before 2025-09-10; incidents 2k and 2k+1 share a start, so ids break the tie. */
function githubHistory(): ObservedIncident[] {
  return Array.from({ length: githubHistoryCount }, (_, n) => {
    const startedAt = new Date(Date.UTC(2025, 8, 9) - Math.floor(n / 2) * 86_400_000).toISOString();
    const title =
      n % 10 === 0 ? `Git operations 100% failing (${n})` : `Degraded Actions runs #${n}`;
    return observedIncident(`h${String(n).padStart(3, '0')}`, {
      title,
      impact: impactCycle[n % impactCycle.length]!,
      phase: 'resolved',
      startedAt,
      resolvedAt: new Date(Date.parse(startedAt) + 3_600_000).toISOString(),
      updates: [observedUpdate(`h${n}-u1`, 'resolved', startedAt)],
    });
  });
}

const githubActive = observedIncident('gh-active', {
  title: 'Incident with Copilot',
  impact: 'major',
  phase: 'investigating',
  startedAt: '2025-09-10T20:00:00.000Z',
  components: ['Copilot'],
});

export async function seedScenario(): Promise<Scenario> {
  const testStore = await openTestStore(
    [
      vendor('balena', 'Balena', { category: 'iot', statusPageUrl: 'https://status.balena.io' }),
      vendor('github', 'GitHub', { statusPageUrl: 'https://www.githubstatus.com' }),
      vendor('stripe', 'Stripe', { category: 'payments' }),
      vendor('flaky', 'Flaky Cloud', { category: 'cloud', platform: 'instatus' }),
    ],
    t0,
  );
  const events: VendorEvent[] = [];
  const { poll, fail } = testStore;
  events.push(...(await poll('balena', snapshot([oldBalena], components('operational')), t0)));
  events.push(...(await poll('github', snapshot(githubHistory()), t0)));
  events.push(
    ...(await poll(
      'balena',
      snapshot([oldBalena, balenaIncident(1)], components('degraded_performance')),
      t1,
    )),
  );
  events.push(...(await poll('github', snapshot([...githubHistory(), githubActive]), t1)));
  events.push(
    ...(await poll(
      'balena',
      snapshot([oldBalena, balenaIncident(2)], components('degraded_performance')),
      t2,
    )),
  );
  // The same snapshot again: recorded as a successful poll, no event.
  events.push(
    ...(await poll(
      'github',
      snapshot([...githubHistory(), githubActive]),
      '2025-09-10T22:08:30.000Z',
    )),
  );
  events.push(
    ...(await poll(
      'balena',
      snapshot([oldBalena, balenaIncident(3), maintenance], components('operational')),
      t3,
    )),
  );
  events.push(...(await poll('flaky', snapshot([]), '2025-09-10T22:08:00.000Z')));
  events.push(
    ...(await fail(
      'flaky',
      'HTTP 503 from https://status.flaky.example.com',
      '2025-09-10T22:09:00.000Z',
    )),
  );
  return { testStore, events };
}
