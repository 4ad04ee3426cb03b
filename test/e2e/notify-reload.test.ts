// A separate web process adds and removes targets in the store; the poller's notifier picks the
// change up on its own within its refresh interval: routing and delivery follow, and a stored
// definition that no longer passes the checks is skipped with one warning, not a crash.
import { afterEach, describe, expect, it } from 'vitest';
import { startNotifier, type Notifier } from '../../src/app/notifier.js';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { checks } from '../../src/notify/test-support/service-shapes.js';
import { addVendors, incident, poll, snapshot } from '../../src/store/test-support/harness.js';
import {
  deleteApiTarget,
  insertApiTarget,
  listDeliveries,
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

describe.each(databaseKinds)('targets changed by another process (%s)', (kind) => {
  it('are routed to and delivered within the refresh interval', { timeout: 20_000 }, async () => {
    const database = await createTestDatabase(kind);
    cleanups.push(() => database.drop());
    // Two connections: the "web process" writes, the notifier reads on its own.
    const web: Store = await openMigratedStore(database.url);
    cleanups.push(() => web.close());
    const poller: Store = await openMigratedStore(database.url);
    cleanups.push(() => poller.close());
    const receiver: Receiver = await startReceiver({ check: checks.webhook(null) });
    cleanups.push(() => receiver.close());
    const captured = capturedLogger();
    const notifier: Notifier = await startNotifier(
      { notifications: [], ...loopbackNetwork, server: { host: '127.0.0.1', port: 3000 } },
      poller.db,
      'local',
      captured.logger,
      { ...fastOptions, burstWindowMs: 0, targetRefreshMs: 100 },
    );
    cleanups.push(() => notifier.stop());
    await addVendors(web, ['balena']);
    const at = (s: number) => new Date(Date.now() - 600_000 + s * 1000).toISOString();
    const record = async (snap: Parameters<typeof poll>[2], when: string) => {
      const events = await poll(poller, 'balena', snap, when, notifier.routeEvent);
      notifier.dispatcher.wake();
      return events;
    };
    await record(snapshot([]), at(0));

    const hook = { name: 'hook', type: 'webhook', url: receiver.url('/hook') };
    const fingerprint = 'f';
    // A definition written by an older or damaged version: skipped, the others still load. It is
    // stored first, so the reload that finds the new target has always read it too.
    await insertApiTarget(
      web.db,
      { name: 'broken', type: 'webhook', fingerprint, definition: '{"name":"broken"' },
      at(1),
    );
    await insertApiTarget(
      web.db,
      { ...hook, fingerprint, definition: JSON.stringify(hook) },
      at(1),
    );
    // Probes accumulate, so none is withdrawn (which would be an event of its own).
    const probes: Array<ReturnType<typeof incident>> = [];
    await until('the notifier to load the new target', async () => {
      probes.push(incident(`probe-${probes.length}`));
      const events = await record(snapshot([...probes]), at(2));
      return events.length > 0 && (await listDeliveries(poller.db, {})).deliveries.length > 0;
    });
    const [first] = await receiver.waitFor(1, 5000);
    expect((first!.json as { type: string }).type).toBe('incident.opened');
    expect(receiver.problems).toEqual([]);
    const warnings = captured
      .text()
      .split('\n')
      .filter((line) => line.includes('"broken"'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('stored notification target skipped');

    expect(await deleteApiTarget(web.db, 'hook')).toMatchObject({ removed: true });
    // Once the notifier has reloaded, new events are routed to nobody.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const before = (await listDeliveries(poller.db, {})).deliveries.length;
    const later = await record(snapshot([...probes, incident('after-removal')]), at(3));
    expect(later.map((event) => event.type)).toContain('incident.opened');
    expect((await listDeliveries(poller.db, {})).deliveries).toHaveLength(before);
  });
});
