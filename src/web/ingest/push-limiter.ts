// Token buckets per key (a vendor, an address): a push spends one token; tokens come back at a
// steady rate up to the burst. Memory is bounded: full buckets are forgotten first.

export interface RateLimit {
  /** Pushes allowed at once. */
  burst: number;
  /** Tokens regained per second. */
  perSecond: number;
}

export interface PushLimiter {
  /** Spends a token for `key`; otherwise the seconds until one is back. */
  take(key: string, nowMs: number): { ok: true } | { ok: false; retryAfterSeconds: number };
}

interface Bucket {
  tokens: number;
  at: number;
}

const maxKeys = 10_000;

export function createPushLimiter(limit: RateLimit): PushLimiter {
  const buckets = new Map<string, Bucket>();
  const refill = (bucket: Bucket, nowMs: number) => {
    const gained = (Math.max(0, nowMs - bucket.at) / 1000) * limit.perSecond;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + gained);
    bucket.at = nowMs;
  };
  const forgetFull = (nowMs: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, nowMs);
      if (bucket.tokens >= limit.burst) buckets.delete(key);
    }
    // Still full of busy keys: the oldest go (a forgotten key starts with a full burst).
    for (const key of buckets.keys()) {
      if (buckets.size < maxKeys) break;
      buckets.delete(key);
    }
  };
  return {
    take(key, nowMs) {
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) forgetFull(nowMs);
        bucket = { tokens: limit.burst, at: nowMs };
        buckets.set(key, bucket);
      }
      refill(bucket, nowMs);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / limit.perSecond) };
    },
  };
}
