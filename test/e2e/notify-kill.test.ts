// kill -9 of the real `vendorwatch worker` (dist/cli/bin.js) at seeded random moments while it
// delivers: no delivery is lost, none is ever sent under a second key, and a repeat (a crash
// between send and mark) carries the same key. New events are recorded between the trials.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../src/notify/test-support/receiver.js';
import { checks } from '../../src/notify/test-support/service-shapes.js';
import {
  addVendors,
  incident,
  poll,
  snapshot,
  update,
} from '../../src/store/test-support/harness.js';
import { deliveryKey, listDeliveries, type Store } from '../../src/store/index.js';
import { createRouteEvent } from '../../src/app/notifier.js';
import { createTestDatabase } from '../test-support/databases.js';
import { openMigratedStore } from '../test-support/poller.js';
import { exited, seeded } from '../test-support/worker-process.js';

const bin = new URL('../../dist/cli/bin.js', import.meta.url).pathname;
const trials = 20;
const eventsPerTrial = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let worker: ChildProcess | undefined;
let receiver: Receiver | undefined;
let store: Store | undefined;
const logs: string[] = [];

afterEach(async () => {
  if (worker && worker.exitCode === null) {
    worker.kill('SIGKILL');
    await exited(worker);
  }
  await store?.close();
  await receiver?.close();
});

describe('kill -9 while delivering', () => {
  it(`loses nothing and never changes a key (${trials} kills)`, { timeout: 300_000 }, async () => {
    expect(existsSync(bin), 'dist/cli/bin.js is missing: run npm run build first').toBe(true);
    const random = seeded(4242);
    const jitter = seeded(7);
    // Each answer takes a moment, so kills land between send and mark too.
    receiver = await startReceiver({ check: checks.webhook(null) });
    receiver.respond(() => ({ status: 200, delayMs: 30 + Math.floor(jitter() * 90) }));

    const database = await createTestDatabase('sqlite');
    const configPath = join(dirname(database.url), 'vendorwatch.yaml');
    writeFileSync(
      configPath,
      [
        'network:',
        '  allowedPrivateRanges: [127.0.0.0/8]',
        'vendors: []',
        'notifications:',
        '  - name: hook',
        '    type: webhook',
        `    url: ${receiver.url('/hook')}`,
        '',
      ].join('\n'),
    );
    store = await openMigratedStore(database.url);
    await addVendors(store, ['balena']);
    const routeEvent = createRouteEvent(
      [{ name: 'hook', type: 'webhook', url: receiver.url('/hook') }],
      {
        reminderLeadSeconds: null,
      },
    );
    const updates = [update('u0', 'investigating', new Date(Date.now() - 3600_000).toISOString())];
    await poll(store, 'balena', snapshot([]), new Date().toISOString(), routeEvent);
    await poll(
      store,
      'balena',
      snapshot([incident('a', { updates: [...updates] })]),
      new Date().toISOString(),
      routeEvent,
    );

    const start = () => {
      const child = spawn(
        process.execPath,
        [bin, 'worker', '--config', configPath, '--db', database.url],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, LOG_LEVEL: 'warn' },
        },
      );
      child.stderr?.on('data', (chunk: Buffer) => logs.push(`[${child.pid}] ${chunk.toString()}`));
      return child;
    };

    for (let trial = 0; trial < trials; trial++) {
      for (let i = 0; i < eventsPerTrial; i++) {
        updates.push(
          update(
            `u${updates.length}`,
            'monitoring',
            new Date(Date.now() - 3000_000 + updates.length * 1000).toISOString(),
          ),
        );
        await poll(
          store,
          'balena',
          snapshot([incident('a', { updates: [...updates] })]),
          new Date().toISOString(),
          routeEvent,
        );
      }
      worker = start();
      await sleep(700 + random() * 1300);
      worker.kill('SIGKILL');
      await exited(worker);
    }

    worker = start();
    const deadline = Date.now() + 30_000;
    let pending = 1;
    while (Date.now() < deadline) {
      pending = (await listDeliveries(store.db, { status: 'pending', limit: 1 })).deliveries.length;
      if (pending === 0) break;
      await sleep(200);
    }
    worker.kill('SIGTERM');
    await exited(worker);
    if (pending !== 0) console.error(logs.join(''));

    const events = await store.db.selectFrom('events').select('id').orderBy('seq').execute();
    expect(events).toHaveLength(1 + trials * eventsPerTrial);
    const { deliveries } = await listDeliveries(store.db, { limit: 1000 });
    expect(deliveries.every((d) => d.status === 'sent')).toBe(true);
    expect(receiver.problems).toEqual([]);

    const keysByEvent = new Map<string, Set<string>>();
    for (const request of receiver.received) {
      const id = (request.json as { id: string }).id;
      const keys = keysByEvent.get(id) ?? new Set<string>();
      keys.add(String(request.headers['x-vendorwatch-delivery']));
      keysByEvent.set(id, keys);
    }
    // Every event arrived, each under exactly one key: its own.
    expect([...keysByEvent.keys()].sort()).toEqual(events.map((e) => e.id).sort());
    for (const [id, keys] of keysByEvent) expect([...keys]).toEqual([deliveryKey('hook', id)]);
    // Repeats only come from a kill between send and mark: at most one per kill.
    const repeats = receiver.received.length - events.length;
    expect(repeats).toBeGreaterThanOrEqual(0);
    expect(repeats).toBeLessThanOrEqual(trials);
  });
});
