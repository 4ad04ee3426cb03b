// The dispatcher and a target's turn read time only from the injected clock: housekeeping runs
// when that clock says it is due, and a channel's spacing between messages is measured on it.
import { describe, expect, it } from 'vitest';
import type { Delivery, TargetStatus } from '../domain/delivery.js';
import { createDispatcher } from './dispatcher.js';
import { defaultPolicy } from './policy.js';
import type { OutboxPort } from './port.js';
import { drainTarget } from './target-drain.js';
import { sampleEvent } from './test-support/samples.js';
import type { Channel, NotifyTarget, SendIo } from './types.js';

/** Ten days ahead of the wall clock, so a stray Date.now() would pause or skip for days. */
const start = Date.now() + 10 * 86_400_000;

function clock() {
  let at = start;
  return {
    now: () => new Date(at),
    advance: (ms: number) => {
      at += ms;
    },
  };
}

const active: TargetStatus = {
  state: 'active',
  reason: null,
  failures: 0,
  failingSince: null,
  lastError: null,
  lastSuccessAt: null,
  nextAttemptAt: new Date(start).toISOString(),
};

/** An outbox holding `pending` for one target; records what the dispatcher asks of it. */
function fakePort(pending: Delivery[] = []) {
  const calls = { housekeeping: 0, delivered: [] as number[] };
  const port: OutboxPort = {
    syncTargets: () => Promise.resolve(),
    claimTargets: ({ names }) => Promise.resolve(pending.length > 0 ? [...names] : []),
    renewTarget: () => Promise.resolve(true),
    releaseTarget: () => Promise.resolve(),
    releaseTargetLeases: () => Promise.resolve(),
    getTarget: (name) => Promise.resolve({ name, ...active }),
    listTargets: () => Promise.resolve([]),
    claimDeliveries: () => Promise.resolve(pending.splice(0)),
    markDelivered: (seq) => {
      calls.delivered.push(seq);
      return Promise.resolve();
    },
    markDeliveryRetry: () => Promise.resolve(),
    markDeliveryFailed: () => Promise.resolve(),
    markDeliverySkipped: () => Promise.resolve(),
    deferDelivery: () => Promise.resolve(),
    releaseDeliveries: () => Promise.resolve(),
    failPendingDeliveries: () => Promise.resolve(0),
    failOrphanedDeliveries: () => {
      calls.housekeeping += 1;
      return Promise.resolve(0);
    },
    hasLaterMessage: () => Promise.resolve(false),
    lastSentInGroup: () => Promise.resolve(null),
    loadContext: (event) =>
      Promise.resolve({
        vendor: { slug: event.vendorSlug, name: 'Balena', statusPageUrl: null },
        incident: null,
      }),
  };
  return { port, calls };
}

const target: NotifyTarget = { name: 'hook', type: 'webhook', url: 'https://hooks.example/x' };
const io = {} as SendIo;
const channel: Channel = {
  type: 'webhook',
  coalesce: false,
  minIntervalMs: 60_000,
  reminders: false,
  compose: () => ({ payload: {}, send: () => Promise.resolve({ kind: 'sent', detail: 'ok' }) }),
};

function delivery(seq: number, createdAt: string): Delivery {
  return {
    seq,
    deliveryKey: `key${seq}`,
    target: target.name,
    attempts: 0,
    kind: 'event',
    groupKey: null,
    progress: null,
    createdAt,
    event: sampleEvent('vendor.unreachable'),
  };
}

describe('the injected clock', () => {
  it('decides when the dispatcher next does housekeeping', async () => {
    const time = clock();
    const { port, calls } = fakePort();
    const dispatcher = createDispatcher({
      port,
      targets: [target],
      io,
      owner: 'test',
      now: time.now,
      options: { housekeepingMs: 30_000 },
    });
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    expect(calls.housekeeping).toBe(1);
    time.advance(29_999);
    await dispatcher.runOnce();
    expect(calls.housekeeping).toBe(1);
    time.advance(1);
    await dispatcher.runOnce();
    expect(calls.housekeeping).toBe(2);
  });

  it('measures the spacing between messages to a target', async () => {
    const time = clock();
    const created = time.now().toISOString();
    const { port, calls } = fakePort([delivery(1, created)]);
    // The last message went out two minutes ago by the injected clock: no pause is due.
    const lastSend = { at: start - 120_000 };
    time.advance(5_000);
    await drainTarget({
      port,
      owner: 'test',
      target,
      channel,
      secrets: [],
      io,
      settings: {
        timeoutMs: 1000,
        burstWindowMs: 0,
        leaseSeconds: 60,
        batchSize: 10,
        publicUrl: null,
        reminderLeadSeconds: null,
        minIntervalMs: channel.minIntervalMs,
        policy: defaultPolicy,
      },
      now: time.now,
      random: () => 0.5,
      log: { info: () => {}, warn: () => {}, error: () => {} },
      signal: new AbortController().signal,
      lastSend,
    });
    expect(calls.delivered).toEqual([1]);
    expect(lastSend.at).toBe(start + 5_000);
  });
});
