// When to poll a vendor next: pure decisions, the clock and randomness passed in.

/** A failing vendor is retried no less often than this, however long its interval. */
const maxBackoffSeconds = 15 * 60;
/** Retry-After beyond this is treated as this: a vendor cannot park us for a day. */
const maxRetryAfterSeconds = 60 * 60;
/** Successful polls start up to this fraction of an interval early, spreading load without adding delay. */
const successJitterFraction = 0.05;

interface NextPollInput {
  intervalSeconds: number;
  /** Failures in a row including this poll; 0 after a success. */
  consecutiveFailures: number;
  retryAfterSeconds?: number | undefined;
  /** A number in [0, 1). */
  random: number;
}

export function nextPollDelaySeconds(input: NextPollInput): number {
  const { intervalSeconds, consecutiveFailures, random } = input;
  if (consecutiveFailures === 0) return intervalSeconds * (1 - successJitterFraction * random);
  const exponential = intervalSeconds * 2 ** Math.min(consecutiveFailures - 1, 16);
  const capped = Math.min(exponential, Math.max(intervalSeconds, maxBackoffSeconds));
  // Jitter in [0.5, 1.0] of the backoff keeps failing vendors from retrying in lockstep.
  const jittered = Math.max(intervalSeconds, capped * (0.5 + random / 2));
  const asked = Math.min(input.retryAfterSeconds ?? 0, maxRetryAfterSeconds);
  return Math.max(jittered, asked);
}
