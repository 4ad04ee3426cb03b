import { describe, expect, it } from 'vitest';
import { createPushLimiter } from './push-limiter.js';

describe('push rate limit (token buckets)', () => {
  it('allows the burst, then one per refill period, per key', () => {
    const limiter = createPushLimiter({ burst: 3, perSecond: 0.5 });
    const results = Array.from({ length: 5 }, () => limiter.take('v', 0).ok);
    expect(results).toEqual([true, true, true, false, false]);
    // Another key has its own bucket.
    expect(limiter.take('w', 0).ok).toBe(true);
    // Half a token back after 1 s: still refused, and told to come back in 1 s.
    expect(limiter.take('v', 1000)).toEqual({ ok: false, retryAfterSeconds: 1 });
    // One token back after 2 s.
    expect(limiter.take('v', 2000).ok).toBe(true);
    expect(limiter.take('v', 2000).ok).toBe(false);
    // Never more than the burst, however long it rested.
    const rested = Array.from({ length: 5 }, () => limiter.take('v', 1_000_000).ok);
    expect(rested).toEqual([true, true, true, false, false]);
  });

  it('keeps its memory bounded under many keys and still limits a busy one', () => {
    const limiter = createPushLimiter({ burst: 2, perSecond: 1 });
    expect(limiter.take('busy', 0).ok).toBe(true);
    expect(limiter.take('busy', 0).ok).toBe(true);
    for (let i = 0; i < 25_000; i++) limiter.take(`addr-${i}`, 0);
    // Forgetting a key may hand it a fresh burst, never more than that.
    const again = [
      limiter.take('busy', 0).ok,
      limiter.take('busy', 0).ok,
      limiter.take('busy', 0).ok,
    ];
    expect(again.filter(Boolean).length).toBeLessThanOrEqual(2);
    expect(again[2]).toBe(false);
  });
});
