// The `boards` filter end to end through the simulator and the running notifier: an incident that
// starts on API and Dashboard, clears Dashboard, then goes on for API only. A target on a board
// of acme's Dashboard hears the start, the Dashboard update and the resolution (which follows it
// past the filter); one on a board of acme's Builder hears nothing; one on a board of the whole
// vendor hears everything.
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationTargetConfig } from '../../src/config/schema.js';
import type { Board } from '../../src/domain/board.js';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { checks } from '../../src/notify/test-support/service-shapes.js';
import { startSimulator, type Simulator } from '../../src/simulate/index.js';
import { parseTimeline } from '../../src/simulate/timeline.js';
import { getIncident, listDeliveries, type Store } from '../../src/store/index.js';
import { createTestDatabase } from '../test-support/databases.js';
import {
  capturedLogger,
  startNotifyingPoller,
  type NotifyingPoller,
} from '../test-support/notify.js';
import { loopbackFetcher, openMigratedStore } from '../test-support/poller.js';

const day = '2025-10-01T';
const affected = (id: string, oldStatus: string, newStatus: string) => ({
  id,
  oldStatus,
  newStatus,
});
const updates = [
  {
    id: 'u1',
    status: 'investigating',
    at: `${day}10:00:00Z`,
    body: 'API and Dashboard are slow.',
    affectedComponents: [
      affected('api', 'operational', 'degraded_performance'),
      affected('dash', 'operational', 'degraded_performance'),
    ],
  },
  {
    id: 'u2',
    status: 'identified',
    at: `${day}10:10:00Z`,
    body: 'Dashboard has recovered.',
    affectedComponents: [affected('dash', 'degraded_performance', 'operational')],
  },
  {
    id: 'u3',
    status: 'monitoring',
    at: `${day}10:20:00Z`,
    body: 'API fix deployed.',
    affectedComponents: [affected('api', 'degraded_performance', 'degraded_performance')],
  },
  {
    id: 'u4',
    status: 'resolved',
    at: `${day}10:30:00Z`,
    body: 'API has recovered.',
    affectedComponents: [affected('api', 'degraded_performance', 'operational')],
  },
];
const stepStatus = ['investigating', 'identified', 'monitoring', 'resolved'];
const timeline = {
  vendors: [
    {
      slug: 'acme',
      name: 'Acme',
      components: [
        { id: 'api', name: 'API' },
        { id: 'dash', name: 'Dashboard' },
        { id: 'build', name: 'Builder' },
      ],
      steps: [
        { afterMs: 0, components: {}, incidents: [] },
        ...stepStatus.map((status, index) => ({
          afterMs: 1000,
          components: {
            api: index < 3 ? 'degraded_performance' : 'operational',
            ...(index === 0 ? { dash: 'degraded_performance' } : {}),
          },
          incidents: [
            {
              id: 'inc1',
              name: 'Slow requests',
              status,
              impact: 'minor',
              components: ['api', 'dash'],
              updates: updates.slice(0, index + 1),
              ...(status === 'resolved' ? { resolvedAt: `${day}10:30:00Z` } : {}),
            },
          ],
        })),
      ],
    },
  ],
};

const board = (slug: string, components: string[] | null): Board => ({
  slug,
  name: slug,
  description: null,
  public: false,
  company: null,
  vendors: [{ slug: 'acme', components }],
});
const boards = [board('web', ['dashboard']), board('builds', ['Builder']), board('all', null)];

let simulator: Simulator | undefined;
let store: Store | undefined;
let poller: NotifyingPoller | undefined;
const receivers: Receiver[] = [];

afterEach(async () => {
  await poller?.stop();
  await simulator?.close();
  await store?.close();
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

describe('the boards filter', () => {
  it('sends each target what concerns its boards', { timeout: 60_000 }, async () => {
    simulator = await startSimulator({ timeline: parseTimeline(timeline) });
    const hooks: Record<string, Receiver> = {};
    for (const name of ['web', 'builds', 'all']) {
      hooks[name] = await startReceiver({ check: checks.webhook(null) });
      receivers.push(hooks[name]);
    }
    const notifications: NotificationTargetConfig[] = Object.entries(hooks).map(([name, hook]) => ({
      name,
      type: 'webhook',
      url: hook.url(),
      boards: [name],
    }));
    const database = await createTestDatabase('sqlite');
    store = await openMigratedStore(database.url);
    const vendor = {
      slug: 'acme',
      name: 'Acme',
      statusPageUrl: simulator.vendors[0]!.baseUrl,
      platform: 'statuspage' as const,
      category: 'other' as const,
      intervalSeconds: 1,
    };
    poller = await startNotifyingPoller(
      store,
      loopbackFetcher(),
      [vendor],
      notifications,
      {},
      capturedLogger().logger,
      boards,
    );

    const deadline = Date.now() + 30_000;
    for (;;) {
      const incident = await getIncident(store.db, 'acme-inc1');
      const pending = (await listDeliveries(store.db, { status: 'pending', limit: 1 })).deliveries
        .length;
      if ((incident?.phase === 'resolved' && pending === 0) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const seen = (name: string) =>
      hooks[name]!.received.map((r) => {
        const body = r.json as { type: string; update?: { body: string } };
        return `${body.type} ${body.update?.body ?? ''}`.trim();
      });
    for (const hook of Object.values(hooks)) expect(hook.problems).toEqual([]);
    expect(seen('all')).toEqual([
      'incident.opened API and Dashboard are slow.',
      'incident.updated Dashboard has recovered.',
      'incident.updated API fix deployed.',
      'incident.resolved API has recovered.',
    ]);
    expect(seen('web')).toEqual([
      'incident.opened API and Dashboard are slow.',
      'incident.updated Dashboard has recovered.',
      'incident.resolved API has recovered.',
    ]);
    expect(seen('builds')).toEqual([]);
  });
});
