// A Statuspage vendor `acme` (API, Dashboard, Builder) whose one minor incident starts on API and
// Dashboard, clears Dashboard, goes on for API only and resolves: the story the notification
// filter tests (by component, by board, by impact) tell, one step every `stepMs`, and a run of it
// through a real notifying poller.
import type { NotificationTargetConfig } from '../../src/config/schema.js';
import type { Board } from '../../src/domain/board.js';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { checks } from '../../src/notify/test-support/service-shapes.js';
import { startSimulator } from '../../src/simulate/index.js';
import type { Timeline } from '../../src/simulate/timeline-schema.js';
import { parseTimeline } from '../../src/simulate/timeline.js';
import { getIncident, listDeliveries, type Store } from '../../src/store/index.js';
import { createTestDatabase } from './databases.js';
import { capturedLogger, startNotifyingPoller } from './notify.js';
import { loopbackFetcher, openMigratedStore } from './poller.js';

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
export function splitIncidentTimeline(stepMs: number): Timeline {
  return parseTimeline({
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
            afterMs: stepMs,
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
  });
}

/** One run of the story through a real notifying poller, each target a webhook receiver. */
export interface SplitIncidentRun {
  store: Store;
  /** What target `name` received, as "event-type update body", in order. */
  seen(name: string): string[];
  /** Every receiver's shape problems (none expected). */
  problems(): string[];
  close(): Promise<void>;
}

/**
 * Plays the story (a step every `stepMs`) to targets `names`, configured by `targets` from their
 * receivers' URLs; resolves once the incident resolved and no delivery is pending (or 30 s).
 */
export async function hearSplitIncident(options: {
  stepMs: number;
  names: readonly string[];
  targets(urls: Record<string, string>): NotificationTargetConfig[];
  boards?: Board[];
}): Promise<SplitIncidentRun> {
  const simulator = await startSimulator({ timeline: splitIncidentTimeline(options.stepMs) });
  const hooks: Record<string, Receiver> = {};
  for (const name of options.names)
    hooks[name] = await startReceiver({ check: checks.webhook(null) });
  const urls = Object.fromEntries(Object.entries(hooks).map(([name, hook]) => [name, hook.url()]));
  const database = await createTestDatabase('sqlite');
  const store = await openMigratedStore(database.url);
  const vendor = {
    slug: 'acme',
    name: 'Acme',
    statusPageUrl: simulator.vendors[0]!.baseUrl,
    platform: 'statuspage' as const,
    category: 'other' as const,
    intervalSeconds: 1,
  };
  const poller = await startNotifyingPoller(
    store,
    loopbackFetcher(),
    [vendor],
    options.targets(urls),
    {},
    capturedLogger().logger,
    options.boards,
  );
  const close = async () => {
    await poller.stop();
    await simulator.close();
    await store.close();
    await Promise.all(Object.values(hooks).map((hook) => hook.close()));
  };
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const incident = await getIncident(store.db, 'acme-inc1');
      const pending = (await listDeliveries(store.db, { status: 'pending', limit: 1 })).deliveries
        .length;
      if ((incident?.phase === 'resolved' && pending === 0) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // A delivery marked sent a moment before its receiver recorded the request.
    await new Promise((resolve) => setTimeout(resolve, 300));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    store,
    seen: (name) =>
      hooks[name]!.received.map((r) => {
        const body = r.json as { type: string; update?: { body: string } };
        return `${body.type} ${body.update?.body ?? ''}`.trim();
      }),
    problems: () => Object.values(hooks).flatMap((hook) => hook.problems),
    close,
  };
}
