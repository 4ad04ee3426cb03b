// The stream's plumbing against an in-memory event log; events.test.ts runs it on the store.
import { describe, expect, it, vi } from 'vitest';
import type { VendorEvent } from '../../domain/model.js';
import { createEventBus } from '../event-bus.js';
import { readSse } from '../test-support/sse-client.js';
import { openEventStream, type EventLog, type EventStreamOptions } from './sse.js';

function event(n: number, vendorSlug = 'balena'): VendorEvent {
  return {
    id: `ev-${n}`,
    type: 'incident.updated',
    vendorSlug,
    incidentId: `${vendorSlug}-inc`,
    updateId: `u${n}`,
    component: null,
    changes: { phase: { from: 'investigating', to: 'identified' } },
    at: `2025-09-10T14:00:0${n % 10}.000Z`,
  };
}

/** Seq n holds event n. `gate` holds every read until released. */
function memoryLog(events: VendorEvent[], gate?: Promise<void>): EventLog {
  const recorded = events.map((e, index) => ({ seq: index + 1, event: e }));
  return {
    resolveCursor(after) {
      const byId = recorded.find((r) => r.event.id === after);
      if (byId) return Promise.resolve(byId.seq);
      return Promise.resolve(/^\d+$/.test(after) ? Number(after) : null);
    },
    async eventsAfter(afterSeq, limit) {
      await gate;
      return recorded.filter((r) => r.seq > afterSeq).slice(0, limit);
    },
  };
}

function open(overrides: Partial<EventStreamOptions>) {
  const bus = createEventBus();
  const controller = new AbortController();
  const onError = vi.fn();
  const response = openEventStream({
    log: memoryLog([]),
    source: bus,
    after: null,
    vendor: null,
    heartbeatMs: 60_000,
    signals: [controller.signal],
    onError,
    ...overrides,
  });
  return { bus, controller, onError, response, sse: readSse(response.body!) };
}

describe('openEventStream', () => {
  it('answers as an event stream and forwards live events as event/id/data', async () => {
    const { bus, response, sse } = open({});
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    await sse.comment('connected');
    expect(sse.raw()).toMatch(/^retry: \d+\n/);

    bus.publish([event(1)]);
    const [message] = await sse.messages(1);
    expect(message).toEqual({ event: 'incident.updated', id: 'ev-1', data: expect.any(String) });
    expect(JSON.parse(message!.data)).toEqual(event(1));
    await sse.cancel();
  });

  it('replays what was missed after the given id, then goes live', async () => {
    const log = memoryLog([event(1), event(2), event(3)]);
    const { bus, sse } = open({ log, after: 'ev-1' });
    expect((await sse.messages(2)).map((m) => m.id)).toEqual(['ev-2', 'ev-3']);
    bus.publish([event(4)]);
    expect((await sse.messages(3)).map((m) => m.id)).toEqual(['ev-2', 'ev-3', 'ev-4']);
    await sse.cancel();
  });

  it('accepts a seq as the cursor too', async () => {
    const { sse } = open({ log: memoryLog([event(1), event(2), event(3)]), after: '2' });
    expect((await sse.messages(1)).map((m) => m.id)).toEqual(['ev-3']);
    await sse.cancel();
  });

  it('holds live events during the replay and sends each event exactly once, in order', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { bus, sse } = open({
      log: memoryLog([event(1), event(2), event(3)], gate),
      after: 'ev-1',
    });
    await sse.comment('connected');
    // ev-3 was committed before the replay query and is published while it runs; ev-4 is new.
    bus.publish([event(3), event(4)]);
    release();
    const messages = await sse.messages(3);
    expect(messages.map((m) => m.id)).toEqual(['ev-2', 'ev-3', 'ev-4']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sse.raw().match(/id: ev-3\n/g)).toHaveLength(1);
    await sse.cancel();
  });

  it('sends nothing old for an unknown cursor, but stays live', async () => {
    const { bus, sse } = open({ log: memoryLog([event(1)]), after: 'ev-unknown' });
    await sse.comment('connected');
    bus.publish([event(2)]);
    expect((await sse.messages(1)).map((m) => m.id)).toEqual(['ev-2']);
    await sse.cancel();
  });

  it('filters replayed and live events by vendor', async () => {
    const log = memoryLog([event(1), event(2, 'github'), event(3)]);
    const { bus, sse } = open({ log, after: '0', vendor: 'github' });
    bus.publish([event(4), event(5, 'github')]);
    const messages = await sse.messages(2);
    expect(messages.map((m) => m.id)).toEqual(['ev-2', 'ev-5']);
    await sse.cancel();
  });

  it('pages through a long replay even when whole pages hold no wanted event', async () => {
    const events = Array.from({ length: 1200 }, (_, n) => event(n));
    events.push(event(1200, 'github'));
    const { sse } = open({ log: memoryLog(events), after: '0', vendor: 'github' });
    expect((await sse.messages(1)).map((m) => m.id)).toEqual(['ev-1200']);
    await sse.cancel();
  });

  it('sends a comment heartbeat', async () => {
    const { sse } = open({ heartbeatMs: 20 });
    await sse.comment('heartbeat');
    await sse.cancel();
  });

  it('unsubscribes when the client goes away', async () => {
    const { bus, sse } = open({});
    await sse.comment('connected');
    expect(bus.listenerCount()).toBe(1);
    await sse.cancel();
    expect(bus.listenerCount()).toBe(0);
    expect(() => bus.publish([event(1)])).not.toThrow();
  });

  it('ends the stream and unsubscribes when a signal aborts (shutdown)', async () => {
    const { bus, controller, sse } = open({});
    await sse.comment('connected');
    controller.abort();
    expect(await sse.ended()).toBe(true);
    expect(bus.listenerCount()).toBe(0);
  });

  it('cuts off a client that stops reading instead of buffering without bound', () => {
    const { bus } = open({});
    const big: VendorEvent = {
      ...event(1),
      changes: { title: { from: 'x'.repeat(100_000), to: 'y' } },
    };
    for (let i = 0; i < 20 && bus.listenerCount() > 0; i += 1)
      bus.publish([{ ...big, id: `big-${i}` }]);
    expect(bus.listenerCount()).toBe(0);
  });

  it('reports a failing replay and closes, so the client reconnects', async () => {
    const log: EventLog = {
      resolveCursor: () => Promise.reject(new Error('database is gone')),
      eventsAfter: () => Promise.resolve([]),
    };
    const { bus, onError, sse } = open({ log, after: 'ev-1' });
    expect(await sse.ended()).toBe(true);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'database is gone' }));
    expect(bus.listenerCount()).toBe(0);
  });
});
