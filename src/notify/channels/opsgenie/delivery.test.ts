// Opsgenie end to end: a target checked by the config rules, an incident opened and resolved
// through the poll path, and the dispatcher creating the alert with the incident's alias and
// closing it by that alias on a real receiver on 127.0.0.1, with the GenieKey header each time.
import { afterEach, describe, expect, it } from 'vitest';
import { parseNotificationTarget } from '../../../config/load.js';
import { incident, snapshot, update } from '../../../store/test-support/harness.js';
import { listDeliveries } from '../../../store/index.js';
import {
  memoryLog,
  notifyHarness,
  type NotifyHarness,
} from '../../../../test/test-support/notify.js';
import { startReceiver, type Receiver } from '../../test-support/receiver.js';
import { opsgenieClose, opsgenieCreate } from '../../test-support/service-shapes.js';

const apiKey = 'f0e1d2c3-b4a5-4697-8877-opsgenieKey01';
let harness: NotifyHarness | undefined;
let receiver: Receiver | undefined;

afterEach(async () => {
  await harness?.close();
  await receiver?.close();
  harness = undefined;
  receiver = undefined;
});

const base = Date.now() - 3600_000;
const t = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

function opsgenieTarget(url: string) {
  const parsed = parseNotificationTarget({ name: 'oncall', type: 'opsgenie', url, apiKey });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.target;
}

describe('Opsgenie through the dispatcher', () => {
  it('creates the alert with the incident alias, then closes it by alias on resolution', async () => {
    receiver = await startReceiver({
      ok: { status: 202, body: '{"result":"Request will be processed","requestId":"r1"}' },
    });
    harness = await notifyHarness([opsgenieTarget(new URL(receiver.url()).origin)]);
    await harness.record(snapshot([]), t(0));
    await harness.record(
      snapshot([incident('inc1', { updates: [update('u1', 'investigating', t(1))] })]),
      t(1),
    );
    const dispatcher = await harness.dispatcher({}, { loop: false });
    await dispatcher.runOnce();
    await harness.record(
      snapshot([
        incident('inc1', {
          updates: [update('u1', 'investigating', t(1)), update('u2', 'resolved', t(2))],
          resolvedAt: t(2),
        }),
      ]),
      t(2),
    );
    await dispatcher.runOnce();

    const [create, close] = receiver.received;
    expect(receiver.received).toHaveLength(2);
    expect(create).toMatchObject({
      path: '/v2/alerts',
      headers: { authorization: `GenieKey ${apiKey}`, 'content-type': 'application/json' },
      json: {
        message: 'Balena: Incident inc1',
        alias: 'vendorwatch-balena-inc1',
        priority: 'P3',
        source: 'vendorwatch',
      },
    });
    expect(opsgenieCreate.safeParse(create!.json).error).toBeUndefined();
    expect(close).toMatchObject({
      path: '/v2/alerts/vendorwatch-balena-inc1/close?identifierType=alias',
      headers: { authorization: `GenieKey ${apiKey}` },
      json: {
        source: 'vendorwatch',
        note: expect.stringMatching(/^Resolved: Balena: Incident inc1/),
      },
    });
    expect(opsgenieClose.safeParse(close!.json).error).toBeUndefined();
    const { deliveries } = await listDeliveries(harness.store.db, {});
    expect(deliveries.map((d) => [d.status, d.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
  });

  it('fails a refused key for good and stores no key, even when echoed', async () => {
    receiver = await startReceiver();
    receiver.respond((request) => ({
      status: 401,
      body: `{"message":"Key is not valid: ${String(request.headers.authorization)}"}`,
    }));
    harness = await notifyHarness([opsgenieTarget(new URL(receiver.url()).origin)]);
    await harness.record(snapshot([]), t(0));
    await harness.record(
      snapshot([incident('inc1', { updates: [update('u1', 'investigating', t(1))] })]),
      t(1),
    );
    const log = memoryLog();
    const dispatcher = await harness.dispatcher({}, { loop: false, log });
    await dispatcher.runOnce();
    const { deliveries } = await listDeliveries(harness.store.db, {});
    expect(deliveries).toMatchObject([
      {
        status: 'failed',
        attempts: 1,
        lastError: 'HTTP 401: {"message":"Key is not valid: GenieKey [redacted]"}',
      },
    ]);
    const stored = JSON.stringify([
      await harness.store.db.selectFrom('outbox').selectAll().execute(),
      deliveries,
      log.lines,
    ]);
    expect(stored).not.toContain(apiKey);
  });
});
