// When a failing vendor is announced as unreachable: once per failure streak, once its last good
// data has gone stale, and never while vendorwatch's own network looks down (the fault is then
// probably ours, and holding it back means the network's return brings no flood of recoveries).
// A vendor still down once the network is back is announced on its next failing poll.
import { isStale } from './health.js';

export interface FailedPoll {
  /** The own-network watch said degraded when this poll began (its fetch may fail after). */
  degradedAtStart: boolean;
  /** The own-network watch says degraded now, this failure counted. */
  degradedNow: boolean;
  /** vendor.unreachable was already recorded in this failure streak. */
  alreadyReported: boolean;
  lastSuccessAt: string | null;
  intervalSeconds: number;
  /** When the poll began. */
  now: string;
}

export interface UnreachableDecision {
  /** Held back because our own network looks down. */
  held: boolean;
  /** Record vendor.unreachable with this failure. */
  announce: boolean;
  /** What the vendor's unreachableReported becomes. */
  reported: boolean;
}

export function decideUnreachable(poll: FailedPoll): UnreachableDecision {
  const held = poll.degradedAtStart || poll.degradedNow;
  // Only data that was once good goes stale: a vendor never polled well is not announced.
  const announce =
    !held &&
    !poll.alreadyReported &&
    poll.lastSuccessAt !== null &&
    isStale(poll.lastSuccessAt, poll.intervalSeconds, poll.now);
  return { held, announce, reported: poll.alreadyReported || announce };
}
