import { describe, expect, it } from 'vitest';
import type { VendorEvent } from '../domain/model.js';
import { createEventBus } from './event-bus.js';

const sample: VendorEvent = {
  id: 'ev-1',
  type: 'vendor.unreachable',
  vendorSlug: 'balena',
  incidentId: null,
  updateId: null,
  component: null,
  changes: {},
  at: '2025-09-10T14:00:00.000Z',
};

describe('createEventBus', () => {
  it('delivers each published event to every listener until it unsubscribes', () => {
    const bus = createEventBus();
    const first: string[] = [];
    const second: string[] = [];
    const stopFirst = bus.subscribe((event) => first.push(event.id));
    bus.subscribe((event) => second.push(event.id));
    bus.publish([sample, { ...sample, id: 'ev-2' }]);
    stopFirst();
    bus.publish([{ ...sample, id: 'ev-3' }]);
    expect(first).toEqual(['ev-1', 'ev-2']);
    expect(second).toEqual(['ev-1', 'ev-2', 'ev-3']);
    expect(bus.listenerCount()).toBe(1);
  });

  it('keeps delivering when one listener throws, and reports the error', () => {
    const errors: unknown[] = [];
    const bus = createEventBus((error) => errors.push(error));
    const received: string[] = [];
    bus.subscribe(() => {
      throw new Error('listener broke');
    });
    bus.subscribe((event) => received.push(event.id));
    bus.publish([sample]);
    expect(received).toEqual(['ev-1']);
    expect(errors).toEqual([expect.objectContaining({ message: 'listener broke' })]);
  });

  it('treats the same function subscribed twice as two subscriptions', () => {
    const bus = createEventBus();
    const received: string[] = [];
    const listener = (event: VendorEvent) => received.push(event.id);
    const stop = bus.subscribe(listener);
    bus.subscribe(listener);
    stop();
    bus.publish([sample]);
    expect(received).toEqual(['ev-1']);
  });
});
