// Restarts: a receiver down across a vendorwatch restart still gets each delivery once, with the
// same key, after both are back; and vendorwatch restarted (or started fresh) while a vendor is
// in an incident sends nothing new (docs/reliability.md#f6 and #f8; gatus#679).
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationTargetConfig } from '../../src/config/schema.js';
import type { Vendor } from '../../src/domain/model.js';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { checks } from '../../src/notify/test-support/service-shapes.js';
import { startSimulator, type Simulator } from '../../src/simulate/index.js';
import { parseTimeline } from '../../src/simulate/timeline.js';
import { incident, snapshot, update } from '../../src/store/test-support/harness.js';
import { deliveryKey, listDeliveries, type Store } from '../../src/store/index.js';
import { createTestDatabase } from '../test-support/databases.js';
import {
  capturedLogger,
  notifyHarness,
  startNotifyingPoller,
  type NotifyHarness,
  type NotifyingPoller,
} from '../test-support/notify.js';
import { loopbackFetcher, openMigratedStore } from '../test-support/poller.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a receiver down across a restart', () => {
  it('gets every delivery once, same key, after both are back', { timeout: 30_000 }, async () => {
    const first = await startReceiver();
    const port = first.port;
    await first.close();
    const harness: NotifyHarness = await notifyHarness([
      { name: 'hook', type: 'webhook', url: `http://127.0.0.1:${port}/hook` },
    ]);
    cleanups.push(() => harness.close());
    const at = (s: number) => new Date(Date.now() - 600_000 + s * 1000).toISOString();
    await harness.record(snapshot([]));
    const updates = [update('u1', 'investigating', at(1))];
    await harness.record(snapshot([incident('a', { updates: [...updates] })]));
    updates.push(update('u2', 'monitoring', at(2)));
    const events = [
      ...(await harness.store.db.selectFrom('events').select('id').orderBy('seq').execute()),
      ...(await harness.record(snapshot([incident('a', { updates: [...updates] })]))),
    ];

    // The first vendorwatch fails against the closed port, then goes away mid-backoff.
    const before = await harness.dispatcher({}, { owner: 'local' });
    await sleep(600);
    await before.stop();
    const waiting = (await listDeliveries(harness.store.db, {})).deliveries;
    expect(waiting.map((d) => d.status)).toEqual(['pending', 'pending']);
    expect(waiting[1]!.attempts).toBeGreaterThanOrEqual(1);
    expect(waiting[1]!.lastError).toMatch(/refused the connection/);

    const back: Receiver = await startReceiver({ port, check: checks.webhook(null) });
    cleanups.push(() => back.close());
    await harness.dispatcher({}, { owner: 'local' });
    await back.waitFor(2, 5000);
    await sleep(500);
    expect(back.problems).toEqual([]);
    expect(back.received.map((r) => (r.json as { id: string }).id)).toEqual(
      events.map((e) => e.id),
    );
    expect(back.received.map((r) => r.headers['x-vendorwatch-delivery'])).toEqual(
      events.map((e) => deliveryKey('hook', e.id)),
    );
  });
});

const timeline = {
  vendors: [
    {
      slug: 'acme',
      name: 'Acme',
      components: [{ id: 'api', name: 'API' }],
      steps: [
        { afterMs: 0, components: {}, incidents: [] },
        {
          afterMs: 1500,
          components: { api: 'major_outage' },
          incidents: [
            {
              id: 'inc1',
              name: 'API down',
              status: 'investigating',
              impact: 'major',
              components: ['api'],
              updates: [
                {
                  id: 'u1',
                  status: 'investigating',
                  at: '2025-10-01T10:00:00Z',
                  body: 'API is down.',
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

describe('vendors already in an incident', () => {
  it(
    'are not announced again after a restart, nor by a fresh start',
    { timeout: 40_000 },
    async () => {
      const simulator: Simulator = await startSimulator({ timeline: parseTimeline(timeline) });
      cleanups.push(() => simulator.close());
      const hook = await startReceiver({ check: checks.webhook(null) });
      cleanups.push(() => hook.close());
      const notifications: NotificationTargetConfig[] = [
        {
          name: 'hook',
          type: 'webhook',
          url: hook.url(),
          events: [
            'incident.opened',
            'incident.updated',
            'incident.resolved',
            'component.status_changed',
            'vendor.unreachable',
            'vendor.recovered',
          ],
        },
      ];
      const vendor: Vendor = {
        slug: 'acme',
        name: 'Acme',
        statusPageUrl: simulator.vendors[0]!.baseUrl,
        platform: 'statuspage',
        category: 'other',
        intervalSeconds: 1,
      };
      const start = async (store: Store): Promise<NotifyingPoller> => {
        const fetcher = loopbackFetcher();
        const poller = await startNotifyingPoller(
          store,
          fetcher,
          [vendor],
          notifications,
          {},
          capturedLogger().logger,
        );
        return {
          events: poller.events,
          async stop() {
            await poller.stop();
            await fetcher.close();
          },
        };
      };

      const database = await createTestDatabase('sqlite');
      const store = await openMigratedStore(database.url);
      cleanups.push(() => store.close());
      const first = await start(store);
      await hook.waitFor(2, 10_000);
      await sleep(1500);
      await first.stop();
      const told = hook.received.map((r) => (r.json as { type: string }).type).sort();
      expect(told).toEqual(['component.status_changed', 'incident.opened']);

      const again = await start(store);
      await sleep(3500);
      await again.stop();
      expect(again.events).toEqual([]);
      expect(hook.received).toHaveLength(2);

      // A fresh vendorwatch meeting the incident for the first time records it as history.
      const freshDatabase = await createTestDatabase('sqlite');
      const fresh = await openMigratedStore(freshDatabase.url);
      cleanups.push(() => fresh.close());
      const newcomer = await start(fresh);
      await sleep(3500);
      await newcomer.stop();
      expect(newcomer.events).toEqual([]);
      expect(hook.received).toHaveLength(2);
      expect((await listDeliveries(fresh.db, {})).deliveries).toEqual([]);
    },
  );
});
