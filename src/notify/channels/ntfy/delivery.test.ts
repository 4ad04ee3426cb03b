// ntfy end to end: a target checked by the config rules, incidents recorded through the poll
// path and routed, and the dispatcher delivering to a real receiver on 127.0.0.1. A refusal that
// echoes the token and the topic back leaves neither in the store or the logs.
import { afterEach, describe, expect, it } from 'vitest';
import { parseNotificationTarget } from '../../../config/load.js';
import { incident, snapshot, update } from '../../../store/test-support/harness.js';
import { getNotifyTarget, listDeliveries } from '../../../store/index.js';
import {
  memoryLog,
  notifyHarness,
  type NotifyHarness,
} from '../../../../test/test-support/notify.js';
import { startReceiver, type Receiver } from '../../test-support/receiver.js';

const token = 'tk_endToEndTokenSecret4567';
const topic = 'vw-alerts-8d2f7c';
let harness: NotifyHarness | undefined;
let receiver: Receiver | undefined;

afterEach(async () => {
  await harness?.close();
  await receiver?.close();
  harness = undefined;
  receiver = undefined;
});

// Recent instants: deliveries older than the policy's maxAge expire instead of going out.
const base = Date.now() - 3600_000;
const t = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
const open = (updates: number) =>
  incident('inc1', {
    updates: Array.from({ length: updates }, (_, i) =>
      update(`u${i + 1}`, i === 0 ? 'investigating' : 'monitoring', t(i)),
    ),
  });

function ntfyTarget(url: string) {
  const parsed = parseNotificationTarget({ name: 'phone', type: 'ntfy', url, token });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.target;
}

describe('ntfy through the dispatcher', () => {
  it('posts each event to the topic with its headers and the bearer token', async () => {
    receiver = await startReceiver({ ok: { status: 200, body: '{"id":"m1"}' } });
    harness = await notifyHarness([ntfyTarget(receiver.url(`/${topic}`))]);
    await harness.record(snapshot([]), t(0));
    await harness.record(snapshot([open(1)]), t(1));
    await harness.record(snapshot([open(2)]), t(2));
    const dispatcher = await harness.dispatcher({}, { loop: false });
    await dispatcher.runOnce();
    await dispatcher.runOnce();

    expect(receiver.received.map((r) => r.headers.title)).toEqual([
      'New incident: Balena: Incident inc1',
      'Incident update: Balena: Incident inc1',
    ]);
    const [first] = receiver.received;
    expect(first).toMatchObject({
      path: `/${topic}`,
      body: expect.stringMatching(
        /^investigating update u1\n\nImpact: minor · Phase: investigating/,
      ),
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'text/plain; charset=utf-8',
        priority: '3',
        tags: 'warning,balena',
      },
    });
    const { deliveries } = await listDeliveries(harness.store.db, {});
    expect(deliveries.map((d) => [d.status, d.attempts, d.lastError])).toEqual([
      ['sent', 1, null],
      ['sent', 1, null],
    ]);
  });

  it('fails a refused delivery for good, and stores no token or topic', async () => {
    receiver = await startReceiver();
    receiver.respond((request) => ({
      status: 403,
      body: `forbidden: ${String(request.headers.authorization)} on ${request.path}`,
    }));
    harness = await notifyHarness([ntfyTarget(receiver.url(`/${topic}`))]);
    await harness.record(snapshot([]), t(0));
    await harness.record(snapshot([open(1)]), t(1));
    const log = memoryLog();
    const dispatcher = await harness.dispatcher({}, { loop: false, log });
    await dispatcher.runOnce();

    const { deliveries } = await listDeliveries(harness.store.db, {});
    expect(deliveries).toMatchObject([
      {
        status: 'failed',
        attempts: 1,
        lastError: 'HTTP 403: forbidden: Bearer [redacted] on [redacted]',
      },
    ]);
    const stored = JSON.stringify([
      await harness.store.db.selectFrom('outbox').selectAll().execute(),
      await harness.store.db.selectFrom('notify_targets').selectAll().execute(),
      await getNotifyTarget(harness.store.db, 'phone'),
      deliveries,
      log.lines,
    ]);
    expect(receiver.received[0]!.body).toContain('investigating update u1');
    for (const secret of [token, topic]) expect(stored).not.toContain(secret);
  });
});
