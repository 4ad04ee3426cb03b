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
import { getIncident, listDeliveries, type Store } from '../../src/store/index.js';
import { createTestDatabase } from '../test-support/databases.js';
import {
  capturedLogger,
  startNotifyingPoller,
  type NotifyingPoller,
} from '../test-support/notify.js';
import { loopbackFetcher, openMigratedStore } from '../test-support/poller.js';
import { splitIncidentTimeline } from '../test-support/split-incident.js';

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
    simulator = await startSimulator({ timeline: splitIncidentTimeline(1000) });
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
