// A target an admin turns off (/manage/targets) gets nothing: the poller's notifier, reading the
// store on its own, stops routing to it within its refresh interval; turned on again, it gets the
// next event, delivered.
import { afterEach, describe, expect, it } from 'vitest';
import { startNotifier, type Notifier } from '../../src/app/notifier.js';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { checks } from '../../src/notify/test-support/service-shapes.js';
import { addVendors, incident, poll, snapshot } from '../../src/store/test-support/harness.js';
import {
  insertApiTarget,
  listDeliveries,
  setApiTargetPaused,
  type Store,
} from '../../src/store/index.js';
import { createTestDatabase, databaseKinds } from '../test-support/databases.js';
import { capturedLogger, fastOptions, loopbackNetwork } from '../test-support/notify.js';
import { openMigratedStore } from '../test-support/poller.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(databaseKinds)('a target turned off by an admin (%s)', (kind) => {
  it(
    'is not routed to while off and gets the next event once on',
    { timeout: 20_000 },
    async () => {
      const database = await createTestDatabase(kind);
      cleanups.push(() => database.drop());
      const web: Store = await openMigratedStore(database.url);
      cleanups.push(() => web.close());
      const poller: Store = await openMigratedStore(database.url);
      cleanups.push(() => poller.close());
      const receiver: Receiver = await startReceiver({ check: checks.webhook(null) });
      cleanups.push(() => receiver.close());
      const notifier: Notifier = await startNotifier(
        { notifications: [], ...loopbackNetwork, server: { host: '127.0.0.1', port: 3000 } },
        poller.db,
        'local',
        capturedLogger().logger,
        { ...fastOptions, burstWindowMs: 0, targetRefreshMs: 100 },
      );
      cleanups.push(() => notifier.stop());
      await addVendors(web, ['balena']);
      const at = (s: number) => new Date(Date.now() - 600_000 + s * 1000).toISOString();
      const incidents: Array<ReturnType<typeof incident>> = [];
      const openIncident = async (when: string) => {
        incidents.push(incident(`probe-${incidents.length}`));
        const events = await poll(
          poller,
          'balena',
          snapshot([...incidents]),
          when,
          notifier.routeEvent,
        );
        notifier.dispatcher.wake();
        return events;
      };
      const deliveries = async () => (await listDeliveries(poller.db, {})).deliveries.length;
      await poll(poller, 'balena', snapshot([]), at(0), notifier.routeEvent);

      const hook = { name: 'hook', type: 'webhook', url: receiver.url('/hook') };
      await insertApiTarget(
        web.db,
        { ...hook, fingerprint: 'f', definition: JSON.stringify(hook) },
        at(1),
      );
      await until('the notifier to load the target', async () => {
        await openIncident(at(2));
        return (await deliveries()) > 0;
      });
      await receiver.waitFor(1, 5000);

      const off = await setApiTargetPaused(web.db, 'hook', { at: at(3), by: 'ops@example.com' });
      expect(off).toMatchObject({ changed: true });
      await new Promise((resolve) => setTimeout(resolve, 400));
      const before = await deliveries();
      const whileOff = await openIncident(at(4));
      expect(whileOff.map((event) => event.type)).toContain('incident.opened');
      expect(await deliveries()).toBe(before);

      expect(await setApiTargetPaused(web.db, 'hook', null)).toMatchObject({ changed: true });
      const sent = receiver.received.length;
      await until('the notifier to route to it again', async () => {
        await openIncident(at(5));
        return (await deliveries()) > before;
      });
      await receiver.waitFor(sent + 1, 5000);
      expect(receiver.problems).toEqual([]);
    },
  );
});
