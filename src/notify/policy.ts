// Decide, then act: what one send's outcome does to the delivery and to its target. Pure, with
// the clock and the dice as parameters, so every branch is table-tested.
import type { TargetStatus } from '../domain/delivery.js';
import type { SendOutcome } from './types.js';

export interface DeliveryPolicy {
  /** First retry after about this long; each further failure doubles it, up to the cap. */
  retryBaseMs: number;
  retryCapMs: number;
  /** A receiver's Retry-After is honoured up to this long. */
  maxRetryAfterMs: number;
  /** Quarantine after this many failures in a row spanning at least quarantineAfterMs. */
  quarantineAfterFailures: number;
  quarantineAfterMs: number;
  /** A quarantined target is tried again (one delivery) this often. */
  quarantineProbeMs: number;
  /** Deliveries not made within this long are given up (Standard Webhooks retries ~3 days). */
  maxAgeMs: number;
}

// Statuspage quarantines after 10 failed requests over about an hour.
export const defaultPolicy: DeliveryPolicy = {
  retryBaseMs: 5_000,
  retryCapMs: 30 * 60_000,
  maxRetryAfterMs: 6 * 3600_000,
  quarantineAfterFailures: 10,
  quarantineAfterMs: 3600_000,
  quarantineProbeMs: 3600_000,
  maxAgeMs: 3 * 86_400_000,
};

type DeliveryAction =
  | { mark: 'sent' }
  | { mark: 'retry'; at: string; error: string; progress?: string | null }
  | { mark: 'failed'; error: string };

interface AfterSend {
  delivery: DeliveryAction;
  target: TargetStatus;
  /** Whether to go on with the target's next delivery now. */
  keepGoing: boolean;
  /** Set when the target was disabled: its other pending deliveries fail with this reason. */
  failPending?: string;
}

/** Capped exponential backoff with jitter (half fixed, half random), never before Retry-After. */
export function retryDelayMs(
  failures: number,
  random: number,
  policy: DeliveryPolicy,
  retryAfterSeconds?: number,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(policy.retryCapMs, policy.retryBaseMs * 2 ** exponent);
  const jittered = ceiling / 2 + (ceiling / 2) * Math.min(Math.max(random, 0), 1);
  if (retryAfterSeconds === undefined) return Math.round(jittered);
  return Math.round(Math.max(jittered, Math.min(retryAfterSeconds * 1000, policy.maxRetryAfterMs)));
}

function failed(
  status: TargetStatus,
  error: string,
  now: Date,
  policy: DeliveryPolicy,
): TargetStatus {
  const failures = status.failures + 1;
  const failingSince = status.failingSince ?? now.toISOString();
  const sustained =
    failures >= policy.quarantineAfterFailures &&
    now.getTime() - Date.parse(failingSince) >= policy.quarantineAfterMs;
  const quarantined = status.state === 'quarantined' || sustained;
  return {
    ...status,
    state: quarantined ? 'quarantined' : 'active',
    reason: quarantined
      ? `quarantined after ${failures} failed attempts since ${failingSince}; last error: ${error}`
      : null,
    failures,
    failingSince,
    lastError: error,
    nextAttemptAt: quarantined
      ? new Date(now.getTime() + policy.quarantineProbeMs).toISOString()
      : now.toISOString(),
  };
}

export function afterSend(
  outcome: SendOutcome,
  status: TargetStatus,
  now: Date,
  random: number,
  policy: DeliveryPolicy,
): AfterSend {
  const at = now.toISOString();
  switch (outcome.kind) {
    case 'sent':
      return {
        delivery: { mark: 'sent' },
        target: {
          state: 'active',
          reason: null,
          failures: 0,
          failingSince: null,
          lastError: status.lastError,
          lastSuccessAt: at,
          nextAttemptAt: at,
        },
        keepGoing: true,
      };
    case 'gone': {
      const reason = `disabled: ${outcome.error}`;
      return {
        delivery: { mark: 'failed', error: outcome.error },
        target: {
          ...status,
          state: 'disabled',
          reason,
          lastError: outcome.error,
          nextAttemptAt: at,
        },
        keepGoing: false,
        failPending: reason,
      };
    }
    case 'rejected': {
      const target = failed(status, outcome.error, now, policy);
      return {
        delivery: { mark: 'failed', error: outcome.error },
        target,
        keepGoing: target.state === 'active',
      };
    }
    case 'retry': {
      const target = failed(status, outcome.error, now, policy);
      const delay = retryDelayMs(target.failures, random, policy, outcome.retryAfterSeconds);
      const retryAt = Math.max(now.getTime() + delay, Date.parse(target.nextAttemptAt));
      const nextAttemptAt = new Date(retryAt).toISOString();
      return {
        delivery: {
          mark: 'retry',
          at: nextAttemptAt,
          error: outcome.error,
          ...(outcome.progress === undefined ? {} : { progress: outcome.progress }),
        },
        target: { ...target, nextAttemptAt },
        keepGoing: false,
      };
    }
  }
}
