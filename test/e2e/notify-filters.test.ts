// Filters applied when events are recorded, end to end through the simulator: an incident that
// starts on API and Dashboard, clears Dashboard, then goes on for API only. A target filtered to
// Dashboard hears the start, the Dashboard update and the resolution, not the API-only update;
// one filtered to Builder hears nothing; minImpact: major hears nothing of a minor incident.
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationTargetConfig } from '../../src/config/schema.js';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { checks } from '../../src/notify/test-support/service-shapes.js';
import { startSimulator, type Simulator } from '../../src/simulate/index.js';
import { getIncident, listDeliveries, type Store } from '../../src/store/index.js';
import { createTestDatabase } from '../test-support/databases.js';
import {
  capturedLogger,
  startNotifyingPoller,
  type NotifyingPoller,
} from '../test-support/notify.js';
import { loopbackFetcher, openMigratedStore } from '../test-support/poller.js';
import { splitIncidentTimeline } from '../test-support/split-incident.js';

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

describe('component and impact filters', () => {
  it('send each target only what concerns it', { timeout: 60_000 }, async () => {
    simulator = await startSimulator({ timeline: splitIncidentTimeline(1500) });
    const hooks: Record<string, Receiver> = {};
    for (const name of ['dashboard', 'builder', 'api', 'major', 'all']) {
      hooks[name] = await startReceiver({ check: checks.webhook(null) });
      receivers.push(hooks[name]);
    }
    const notifications: NotificationTargetConfig[] = [
      {
        name: 'dashboard',
        type: 'webhook',
        url: hooks.dashboard!.url(),
        components: { acme: ['Dashboard'] },
      },
      {
        name: 'builder',
        type: 'webhook',
        url: hooks.builder!.url(),
        components: { acme: ['Builder'] },
      },
      { name: 'api', type: 'webhook', url: hooks.api!.url(), components: { acme: ['API'] } },
      { name: 'major', type: 'webhook', url: hooks.major!.url(), minImpact: 'major' },
      { name: 'all', type: 'webhook', url: hooks.all!.url(), vendors: ['acme'] },
    ];
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
    );

    const deadline = Date.now() + 30_000;
    for (;;) {
      const incident = await getIncident(store.db, 'acme-inc1');
      const pending = (await listDeliveries(store.db, { status: 'pending', limit: 1 })).deliveries
        .length;
      if ((incident?.phase === 'resolved' && pending === 0) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));

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
    expect(seen('dashboard')).toEqual([
      'incident.opened API and Dashboard are slow.',
      'incident.updated Dashboard has recovered.',
      'incident.resolved API has recovered.',
    ]);
    expect(seen('api')).toEqual([
      'incident.opened API and Dashboard are slow.',
      'incident.updated API fix deployed.',
      'incident.resolved API has recovered.',
    ]);
    expect(seen('builder')).toEqual([]);
    expect(seen('major')).toEqual([]);
    const targets = (await listDeliveries(store.db, { limit: 100 })).deliveries.map(
      (d) => d.target,
    );
    expect(targets).not.toContain('builder');
    expect(targets).not.toContain('major');
  });
});
