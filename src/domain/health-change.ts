// Whether a poll changed a vendor's health as its dashboard row shows it: from read to failing,
// back, or to another failure reason. Such a poll often records no event (a failure is announced
// only once the data goes stale), yet a live row must still say it at once.
import { failureReason } from './failure-reason.js';

/** A live signal, not a stored event: it carries no id and is never replayed. */
export interface HealthChange {
  vendorSlug: string;
  /** The poll's outcome: `failing` when it failed, else `ok`. */
  health: 'ok' | 'failing';
  /** The failure in a few words; null when the poll succeeded. */
  errorReason: string | null;
  at: string;
}

interface PollBefore {
  lastSuccessAt: string | null;
  /** The previous poll's error; null when it succeeded (or none ran). */
  lastError: string | null;
}

/** `error`: this poll's failure, null when it succeeded. */
export function healthChanged(before: PollBefore, error: string | null): boolean {
  if (error === null) return before.lastError !== null || before.lastSuccessAt === null;
  if (before.lastError === null) return true;
  return failureReason(before.lastError) !== failureReason(error);
}
