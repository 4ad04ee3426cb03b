import { describe, expect, it } from 'vitest';
import { nextPollDelaySeconds } from './backoff.js';

describe('nextPollDelaySeconds', () => {
  it('polls again within the interval after a success, never later', () => {
    expect(nextPollDelaySeconds({ intervalSeconds: 60, consecutiveFailures: 0, random: 0 })).toBe(
      60,
    );
    expect(
      nextPollDelaySeconds({ intervalSeconds: 60, consecutiveFailures: 0, random: 0.999 }),
    ).toBeGreaterThan(56);
  });

  it('backs off exponentially with jitter, capped at 15 minutes', () => {
    const delays = [1, 2, 3, 4, 5, 10, 30].map((failures) =>
      nextPollDelaySeconds({ intervalSeconds: 30, consecutiveFailures: failures, random: 0.999 }),
    );
    expect(delays.map(Math.round)).toEqual([30, 60, 120, 240, 480, 900, 900]);
    expect(nextPollDelaySeconds({ intervalSeconds: 30, consecutiveFailures: 5, random: 0 })).toBe(
      240,
    );
  });

  it('never retries sooner than the interval', () => {
    expect(nextPollDelaySeconds({ intervalSeconds: 3600, consecutiveFailures: 1, random: 0 })).toBe(
      3600,
    );
  });

  it('honours Retry-After up to an hour', () => {
    expect(
      nextPollDelaySeconds({
        intervalSeconds: 30,
        consecutiveFailures: 1,
        retryAfterSeconds: 600,
        random: 0,
      }),
    ).toBe(600);
    expect(
      nextPollDelaySeconds({
        intervalSeconds: 30,
        consecutiveFailures: 1,
        retryAfterSeconds: 86_400,
        random: 0,
      }),
    ).toBe(3600);
  });
});
