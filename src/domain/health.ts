// Honest freshness: a vendor whose page fails keeps its data but is never shown as fine.
import type { VendorHealth } from './vocabulary.js';

/** Data older than this many poll intervals is stale. */
const staleAfterIntervals = 3;

interface PollRecord {
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  /** Set when the most recent poll failed. */
  lastError: string | null;
  intervalSeconds: number;
}

export function vendorHealth(record: PollRecord, now: string): VendorHealth {
  if (isStale(record, now)) return 'stale';
  return record.lastError ? 'failing' : 'ok';
}

/** No successful poll yet, or the last one is more than 3 intervals old. */
export function isStale(record: PollRecord, now: string): boolean {
  if (!record.lastSuccessAt) return true;
  const ageMs = Date.parse(now) - Date.parse(record.lastSuccessAt);
  return ageMs > staleAfterIntervals * record.intervalSeconds * 1000;
}
