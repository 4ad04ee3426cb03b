// The dispatcher on a real SQLite file against real loopback receivers: delivery, retries with
// the same key, 410, quarantine, a hung target beside a healthy one, order, and a stop mid-send.
import { afterEach, describe, expect, it } from 'vitest';
import { incident, snapshot, update } from '../store/test-support/harness.js';
import { getNotifyTarget, listDeliveries } from '../store/index.js';
import { fastOptions, notifyHarness, type NotifyHarness } from '../../test/test-support/notify.js';
import { checks } from './test-support/service-shapes.js';
import { startReceiver, type Receiver } from './test-support/receiver.js';
import { getChannel } from './registry.js';
import type { NotifyTarget } from './types.js';

const secret = 'whsec_dispatcher_test_0123456789';
let harness: NotifyHarness | undefined;
const receivers: Receiver[] = [];

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(check: Parameters<typeof startReceiver>[0] = {}): Promise<Receiver> {
  const started = await startReceiver(check);
  receivers.push(started);
  return started;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(25);
  }
}

// Recent instants: deliveries older than the policy's maxAge expire instead of going out.
const base = Date.now() - 3600_000;
const t = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
const open = (updates = 1) =>
  incident('inc1', {
    updates: Array.from({ length: updates }, (_, i) =>
      update(`u${i + 1}`, i === 0 ? 'investigating' : 'monitoring', t(i)),
    ),
  });

describe('the dispatcher', () => {
  it('delivers each event once, signed, with its key, and marks it sent', async () => {
    const hook = await receiver({ check: checks.webhook(secret) });
    const target: NotifyTarget = { name: 'hook', type: 'webhook', url: hook.url(), secret };
    harness = await notifyHarness([target]);
    await harness.record(snapshot([]), t(0));
    const events = await harness.record(snapshot([open()]), t(1));
    const dispatcher = await harness.dispatcher({}, { loop: false });
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    expect(hook.problems).toEqual([]);
    expect(hook.received.map((r) => r.headers['x-vendorwatch-event'])).toEqual(['incident.opened']);
    expect((hook.received[0]!.json as { id: string }).id).toBe(events[0]!.id);
    const { deliveries } = await listDeliveries(harness.store.db, {});
    expect(deliveries).toMatchObject([
      {
        target: 'hook',
        status: 'sent',
        attempts: 1,
        lastError: null,
        deliveryKey: hook.received[0]!.headers['x-vendorwatch-delivery'],
      },
    ]);
  });

  it('retries a 500 with the same key until the receiver recovers', async () => {
    const hook = await receiver({ check: checks.webhook(null) });
    hook.respond((_request, index) =>
      index < 3 ? { status: 500, body: 'oops' } : { status: 204 },
    );
    harness = await notifyHarness([{ name: 'hook', type: 'webhook', url: hook.url() }]);
    await harness.record(snapshot([]), t(0));
    await harness.record(snapshot([open()]), t(1));
    await harness.dispatcher();
    await until(
      async () =>
        (await listDeliveries(harness!.store.db, { status: 'sent' })).deliveries.length === 1,
    );
    expect(hook.received).toHaveLength(4);
    expect(new Set(hook.received.map((r) => r.headers['x-vendorwatch-delivery'])).size).toBe(1);
    // Backoff: each retry waited at least half its ceiling (100, 200, 400 ms ceilings).
    const gaps = hook.received.slice(1).map((r, i) => r.at - hook.received[i]!.at);
    expect(gaps.every((gap, i) => gap >= [50, 100, 200][i]! - 10)).toBe(true);
    const [delivery] = (await listDeliveries(harness.store.db, {})).deliveries;
    expect(delivery).toMatchObject({ status: 'sent', attempts: 4, lastError: null });
    expect(await getNotifyTarget(harness.store.db, 'hook')).toMatchObject({
      state: 'active',
      failures: 0,
      lastError: 'HTTP 500: oops',
    });
  });

  it('keeps delivering to a healthy target while another one hangs', async () => {
    const hung = await receiver();
    hung.respond(() => 'hang');
    const healthy = await receiver();
    harness = await notifyHarness([
      { name: 'hung', type: 'webhook', url: hung.url() },
      { name: 'healthy', type: 'webhook', url: healthy.url() },
    ]);
    await harness.record(snapshot([]), t(0));
    await harness.dispatcher({ timeoutMs: 3000 });
    const started = Date.now();
    await harness.record(snapshot([open()]), t(1));
    await harness.record(snapshot([open(2)]), t(2));
    await healthy.waitFor(2, 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(hung.received).toHaveLength(1);
  });

  it('sends one target its events in order, holding the later ones while it fails', async () => {
    const hook = await receiver();
    hook.respond((_request, index) =>
      index === 0 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 200 },
    );
    harness = await notifyHarness([{ name: 'hook', type: 'webhook', url: hook.url() }]);
    await harness.record(snapshot([]), t(0));
    await harness.record(snapshot([open()]), t(1));
    await harness.record(snapshot([open(2)]), t(2));
    await harness.record(snapshot([open(3)]), t(3));
    await harness.dispatcher();
    await hook.waitFor(4, 5000);
    const types = hook.received.map(
      (r) => (r.json as { type: string; update?: { postedAt: string } }).update?.postedAt,
    );
    expect(types).toEqual([t(0), t(0), t(1), t(2)]);
    // Retry-After: 1 s between the 503 and the retry.
    expect(hook.received[1]!.at - hook.received[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('disables a target that answers 410 and fails what waits for it', async () => {
    const gone = await receiver();
    gone.respond(() => ({ status: 410, body: 'webhook deleted' }));
    harness = await notifyHarness([{ name: 'gone', type: 'webhook', url: gone.url() }]);
    await harness.record(snapshot([]), t(0));
    await harness.record(snapshot([open(3)]), t(1));
    await harness.dispatcher({ housekeepingMs: 100 });
    await until(
      async () => (await getNotifyTarget(harness!.store.db, 'gone'))?.state === 'disabled',
    );
    await harness.record(snapshot([open(4)]), t(4));
    await sleep(400);
    expect(gone.received).toHaveLength(1);
    const target = await getNotifyTarget(harness.store.db, 'gone');
    expect(target?.reason).toBe('disabled: HTTP 410 Gone: webhook deleted');
    const { deliveries } = await listDeliveries(harness.store.db, {});
    expect(deliveries.map((d) => d.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(deliveries[0]!.lastError).toBe('disabled: HTTP 410 Gone: webhook deleted');
  });

  it('quarantines a target after sustained failure and says why', async () => {
    const down = await receiver();
    down.respond(() => ({ status: 502 }));
    harness = await notifyHarness([{ name: 'down', type: 'webhook', url: down.url() }]);
    await harness.record(snapshot([]), t(0));
    await harness.record(snapshot([open()]), t(1));
    await harness.dispatcher({
      policy: {
        ...fastOptions.policy!,
        quarantineAfterFailures: 3,
        quarantineAfterMs: 0,
        quarantineProbeMs: 60_000,
      },
    });
    await until(
      async () => (await getNotifyTarget(harness!.store.db, 'down'))?.state === 'quarantined',
    );
    await sleep(500);
    expect(down.received).toHaveLength(3);
    expect((await getNotifyTarget(harness.store.db, 'down'))?.reason).toMatch(
      /^quarantined after 3 failed attempts since .+; last error: HTTP 502$/,
    );
    expect((await listDeliveries(harness.store.db, {})).deliveries[0]).toMatchObject({
      status: 'pending',
      attempts: 3,
    });
  });

  it('resends with the same key after a stop mid-send, once', async () => {
    const slow = await receiver();
    slow.respond((_request, index) => (index === 0 ? 'hang' : { status: 200 }));
    harness = await notifyHarness([{ name: 'slow', type: 'webhook', url: slow.url() }]);
    await harness.record(snapshot([]), t(0));
    await harness.record(snapshot([open()]), t(1));
    const first = await harness.dispatcher({ timeoutMs: 5000 }, { owner: 'local' });
    await slow.waitFor(1);
    await first.stop();
    await harness.dispatcher({}, { owner: 'local' });
    await until(
      async () =>
        (await listDeliveries(harness!.store.db, { status: 'sent' })).deliveries.length === 1,
    );
    await sleep(200);
    expect(slow.received).toHaveLength(2);
    expect(slow.received[0]!.headers['x-vendorwatch-delivery']).toBe(
      slow.received[1]!.headers['x-vendorwatch-delivery'],
    );
  });

  it('counts a channel that throws as a failed attempt, and goes on later', async () => {
    harness = await notifyHarness([
      { name: 'buggy', type: 'webhook', url: 'http://127.0.0.1:9/x' },
    ]);
    await harness.record(snapshot([]), t(0));
    await harness.record(snapshot([open()]), t(1));
    const throwing = {
      ...getChannel('webhook'),
      compose: () => ({ payload: {}, send: () => Promise.reject(new Error('boom')) }),
    };
    const dispatcher = await harness.dispatcher({}, { loop: false, channelFor: () => throwing });
    await dispatcher.runOnce();
    const [delivery] = (await listDeliveries(harness.store.db, {})).deliveries;
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'internal error: boom',
    });
    expect(await getNotifyTarget(harness.store.db, 'buggy')).toMatchObject({
      state: 'active',
      failures: 1,
    });
  });
});
