import { describe, expect, it } from 'vitest';
import type { ReachCounts } from '../domain/own-network.js';
import { createNetworkWatch } from './network-watch.js';

const t0 = Date.parse('2025-09-10T10:00:00.000Z');

function watchWithClock(options: { memorySeconds?: number } = {}) {
  let clock = t0;
  const changes: { degraded: boolean; counts: ReachCounts }[] = [];
  const watch = createNetworkWatch({
    now: () => new Date(clock),
    ...options,
    onChange: (degraded, counts) => changes.push({ degraded, counts }),
  });
  return {
    watch,
    changes,
    advance: (seconds: number) => {
      clock += seconds * 1000;
    },
    /** Vendors v0..v(total-1), the first `unreached` of them not reached. */
    observe: (total: number, unreached: number) => {
      for (let i = 0; i < total; i++) watch.observe(`v${i}`, i >= unreached);
    },
  };
}

describe('the network watch', () => {
  it.each([
    { total: 0, unreached: 0, degraded: false },
    { total: 1, unreached: 1, degraded: false },
    { total: 2, unreached: 2, degraded: false },
    { total: 3, unreached: 3, degraded: true },
    { total: 4, unreached: 3, degraded: false },
    { total: 5, unreached: 4, degraded: true },
    { total: 10, unreached: 10, degraded: true },
    { total: 10, unreached: 9, degraded: true },
    { total: 10, unreached: 8, degraded: true },
    { total: 10, unreached: 7, degraded: false },
    { total: 10, unreached: 0, degraded: false },
    { total: 15, unreached: 12, degraded: true },
  ])('$unreached of $total vendors not reached: degraded $degraded', (row) => {
    const { watch, observe } = watchWithClock();
    observe(row.total, row.unreached);
    expect(watch.degraded()).toBe(row.degraded);
    expect(watch.state()).toEqual({
      degraded: row.degraded,
      unreached: row.unreached,
      observed: row.total,
    });
  });

  it('judges by each vendor’s latest outcome: recovering vendors lift it at 7 of 10', () => {
    const { watch, observe } = watchWithClock();
    observe(10, 9);
    expect(watch.degraded()).toBe(true);
    watch.observe('v0', true);
    expect(watch.state()).toEqual({ degraded: true, unreached: 8, observed: 10 });
    watch.observe('v1', true);
    expect(watch.state()).toEqual({ degraded: false, unreached: 7, observed: 10 });
    watch.observe('v1', false);
    expect(watch.degraded()).toBe(true);
  });

  it('forgets outcomes older than memorySeconds', () => {
    const { watch, advance, changes } = watchWithClock({ memorySeconds: 600 });
    for (const slug of ['a', 'b', 'c']) watch.observe(slug, false);
    expect(watch.degraded()).toBe(true);
    advance(300);
    for (const slug of ['d', 'e', 'f', 'g']) watch.observe(slug, true);
    expect(watch.state()).toEqual({ degraded: false, unreached: 3, observed: 7 });
    advance(300);
    // Exactly memorySeconds old: still remembered.
    expect(watch.state().observed).toBe(7);
    advance(1);
    expect(watch.state()).toEqual({ degraded: false, unreached: 0, observed: 4 });
    advance(300);
    expect(watch.state()).toEqual({ degraded: false, unreached: 0, observed: 0 });
    expect(changes.map((change) => change.degraded)).toEqual([true, false]);
  });

  it('leaves the degraded state when the unreached outcomes age out, telling onChange once', () => {
    const { watch, advance, changes } = watchWithClock({ memorySeconds: 60 });
    for (const slug of ['a', 'b', 'c']) watch.observe(slug, false);
    advance(61);
    expect(watch.degraded()).toBe(false);
    expect(watch.degraded()).toBe(false);
    expect(changes).toEqual([
      { degraded: true, counts: { unreached: 3, observed: 3 } },
      { degraded: false, counts: { unreached: 0, observed: 0 } },
    ]);
  });

  it('calls onChange once per transition, however often it is asked', () => {
    const { watch, observe, changes } = watchWithClock();
    observe(10, 0);
    expect(changes).toEqual([]);
    observe(10, 9);
    observe(10, 10);
    watch.degraded();
    watch.state();
    expect(changes).toEqual([{ degraded: true, counts: { unreached: 8, observed: 10 } }]);
    observe(10, 2);
    watch.degraded();
    observe(10, 9);
    expect(changes.map((change) => change.degraded)).toEqual([true, false, true]);
    expect(changes[1]!.counts).toEqual({ unreached: 7, observed: 10 });
  });

  it('takes minVendors and ratio as options', () => {
    const watch = createNetworkWatch({ minVendors: 1, ratio: 0.5 });
    watch.observe('a', false);
    expect(watch.degraded()).toBe(true);
    watch.observe('b', true);
    expect(watch.degraded()).toBe(true);
    watch.observe('c', true);
    expect(watch.degraded()).toBe(false);
  });
});
