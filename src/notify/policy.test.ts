import { describe, expect, it } from 'vitest';
import type { TargetStatus } from '../domain/delivery.js';
import { afterSend, defaultPolicy, retryDelayMs } from './policy.js';

const now = new Date('2025-09-10T12:00:00.000Z');
const healthy: TargetStatus = {
  state: 'active',
  reason: null,
  failures: 0,
  failingSince: null,
  lastError: null,
  lastSuccessAt: null,
  nextAttemptAt: now.toISOString(),
};

describe('retryDelayMs: capped exponential backoff with jitter', () => {
  it.each([
    [1, 0, 2_500],
    [1, 1, 5_000],
    [2, 0.5, 7_500],
    [4, 1, 40_000],
    [30, 1, 1_800_000],
    [30, 0, 900_000],
  ])('failure %i with dice %f waits %i ms', (failures, random, expected) => {
    expect(retryDelayMs(failures, random, defaultPolicy)).toBe(expected);
  });

  it('never retries before Retry-After, and caps an absurd one', () => {
    expect(retryDelayMs(1, 0, defaultPolicy, 120)).toBe(120_000);
    expect(retryDelayMs(1, 0, defaultPolicy, 1)).toBe(2_500);
    expect(retryDelayMs(1, 0, defaultPolicy, 10 ** 9)).toBe(defaultPolicy.maxRetryAfterMs);
  });
});

describe('afterSend', () => {
  it('marks sent and clears the failure streak', () => {
    const failing = {
      ...healthy,
      failures: 3,
      failingSince: '2025-09-10T11:00:00.000Z',
      lastError: 'HTTP 500',
    };
    const decided = afterSend(
      { kind: 'sent', detail: 'HTTP 200' },
      failing,
      now,
      0.5,
      defaultPolicy,
    );
    expect(decided).toEqual({
      delivery: { mark: 'sent' },
      target: { ...healthy, lastError: 'HTTP 500', lastSuccessAt: now.toISOString() },
      keepGoing: true,
    });
  });

  it('retries a 500 later and holds the whole target until then', () => {
    const decided = afterSend({ kind: 'retry', error: 'HTTP 500' }, healthy, now, 1, defaultPolicy);
    expect(decided.delivery).toEqual({
      mark: 'retry',
      at: '2025-09-10T12:00:05.000Z',
      error: 'HTTP 500',
    });
    expect(decided.target).toMatchObject({
      state: 'active',
      failures: 1,
      failingSince: now.toISOString(),
      nextAttemptAt: '2025-09-10T12:00:05.000Z',
    });
    expect(decided.keepGoing).toBe(false);
  });

  it('keeps the progress a partial send reported', () => {
    const decided = afterSend(
      { kind: 'retry', error: 'SMTP 451', progress: '{"delivered":["a@x"]}' },
      healthy,
      now,
      0,
      defaultPolicy,
    );
    expect(decided.delivery).toMatchObject({ progress: '{"delivered":["a@x"]}' });
  });

  it('fails a rejected message but goes on with the next one', () => {
    const decided = afterSend(
      { kind: 'rejected', error: 'HTTP 400: invalid_payload' },
      healthy,
      now,
      0,
      defaultPolicy,
    );
    expect(decided.delivery).toEqual({ mark: 'failed', error: 'HTTP 400: invalid_payload' });
    expect(decided.keepGoing).toBe(true);
    expect(decided.target.failures).toBe(1);
  });

  it('disables the target on 410 and fails what waits for it', () => {
    const decided = afterSend(
      { kind: 'gone', error: 'HTTP 410 Gone' },
      healthy,
      now,
      0,
      defaultPolicy,
    );
    expect(decided.target).toMatchObject({ state: 'disabled', reason: 'disabled: HTTP 410 Gone' });
    expect(decided.failPending).toBe('disabled: HTTP 410 Gone');
    expect(decided.keepGoing).toBe(false);
  });

  it('quarantines after 10 failures spanning an hour, and says why', () => {
    const longFailing = { ...healthy, failures: 9, failingSince: '2025-09-10T10:59:00.000Z' };
    const decided = afterSend(
      { kind: 'retry', error: 'HTTP 503' },
      longFailing,
      now,
      0,
      defaultPolicy,
    );
    expect(decided.target.state).toBe('quarantined');
    expect(decided.target.reason).toBe(
      'quarantined after 10 failed attempts since 2025-09-10T10:59:00.000Z; last error: HTTP 503',
    );
    expect(decided.target.nextAttemptAt).toBe('2025-09-10T13:00:00.000Z');
    expect(decided.delivery).toMatchObject({ mark: 'retry', at: '2025-09-10T13:00:00.000Z' });
  });

  it('does not quarantine ten quick failures, nor slow ones under ten', () => {
    const quick = { ...healthy, failures: 9, failingSince: '2025-09-10T11:59:00.000Z' };
    expect(
      afterSend({ kind: 'retry', error: 'x' }, quick, now, 0, defaultPolicy).target.state,
    ).toBe('active');
    const slow = { ...healthy, failures: 3, failingSince: '2025-09-10T09:00:00.000Z' };
    expect(afterSend({ kind: 'retry', error: 'x' }, slow, now, 0, defaultPolicy).target.state).toBe(
      'active',
    );
  });

  it('lets a quarantined target back in on its first success', () => {
    const quarantined = {
      ...healthy,
      state: 'quarantined' as const,
      reason: 'quarantined …',
      failures: 12,
      failingSince: '2025-09-10T09:00:00.000Z',
    };
    expect(
      afterSend({ kind: 'sent', detail: 'HTTP 200' }, quarantined, now, 0, defaultPolicy).target,
    ).toMatchObject({ state: 'active', reason: null, failures: 0 });
    const again = afterSend(
      { kind: 'retry', error: 'HTTP 500' },
      quarantined,
      now,
      0,
      defaultPolicy,
    );
    expect(again.target.state).toBe('quarantined');
  });
});
