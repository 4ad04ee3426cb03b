// When a pushed vendor is polled: pushes are hints, and a burst of them shares one poll.

/** Pushes for one vendor start at most one poll per this many seconds. */
export const pushCoalesceSeconds = 2;

/** The instant a push received `now` makes the vendor due: now, or the window's end after its last poll. */
export function pushDueAt(
  lastPolledAt: string | null,
  now: string,
  coalesceSeconds = pushCoalesceSeconds,
): string {
  const nowMs = Date.parse(now);
  const windowEnd =
    lastPolledAt === null ? nowMs : Date.parse(lastPolledAt) + coalesceSeconds * 1000;
  return new Date(Math.max(nowMs, windowEnd)).toISOString();
}
