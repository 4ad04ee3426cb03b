// Idle workers take turns at claiming: tick k of the wall clock is the turn of rank k mod N.
import { describe, expect, it } from 'vitest';
import { untilOwnTurn, type SchedulerLease } from './scheduler.js';

const lease = (liveWorkers: number, liveRank: number): SchedulerLease => ({
  valid: () => true,
  signal: () => new AbortController().signal,
  liveWorkers: () => liveWorkers,
  liveRank: () => liveRank,
});

describe('untilOwnTurn', () => {
  it('alone, waits for the next tick', () => {
    expect(untilOwnTurn(1_000, 200)).toBe(200);
    expect(untilOwnTurn(1_050, 200)).toBe(150);
    expect(untilOwnTurn(1_050, 200, lease(1, 0))).toBe(150);
  });

  it('one of three, waits for the next tick its rank owns', () => {
    // Ticks 5, 6, 7, 8 … start at 1000, 1200, 1400, 1600 ms; 5 mod 3 = 2, 6 mod 3 = 0, 7 mod 3 = 1.
    expect(untilOwnTurn(1_000, 200, lease(3, 0))).toBe(200);
    expect(untilOwnTurn(1_000, 200, lease(3, 1))).toBe(400);
    expect(untilOwnTurn(1_000, 200, lease(3, 2))).toBe(600);
    expect(untilOwnTurn(1_010, 200, lease(3, 2))).toBe(590);
  });

  it('gives every tick to exactly one of the live workers', () => {
    for (let now = 0; now < 5_000; now += 37) {
      const turns = [0, 1, 2, 3].map((rank) => now + untilOwnTurn(now, 200, lease(4, rank)));
      // Four workers start at four consecutive ticks, each within four ticks from now.
      expect(new Set(turns.map((t) => Math.round(t / 200) % 4)).size).toBe(4);
      for (const t of turns) expect(t - now).toBeGreaterThan(0);
      for (const t of turns) expect(t - now).toBeLessThanOrEqual(800);
    }
  });
});
