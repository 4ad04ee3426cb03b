// Honest freshness: a vendor whose page fails keeps its data but is never shown as fine. One rule
// for every surface (dashboard, vendor page, API, CLI): a vendor never read successfully is
// `failing` ("never succeeded"), not `stale`: there is no old data to be stale.
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

/** Where a vendor's data stands at `now`, with the instants its wording needs. */
export type Freshness =
  | { health: 'ok'; lastSuccessAt: string }
  /** Nothing was ever read: `lastTriedAt` is null until the first poll ends. */
  | { health: 'failing'; neverSucceeded: true; lastTriedAt: string | null }
  | { health: 'failing'; neverSucceeded: false; lastSuccessAt: string; lastTriedAt: string }
  | { health: 'stale'; lastSuccessAt: string; staleSince: string };

export function describeFreshness(record: PollRecord, now: string): Freshness {
  const { lastSuccessAt, lastPolledAt } = record;
  if (!lastSuccessAt) return { health: 'failing', neverSucceeded: true, lastTriedAt: lastPolledAt };
  const staleSince = staleInstant(lastSuccessAt, record.intervalSeconds);
  if (Date.parse(now) > Date.parse(staleSince)) {
    return { health: 'stale', lastSuccessAt, staleSince };
  }
  if (record.lastError) {
    return {
      health: 'failing',
      neverSucceeded: false,
      lastSuccessAt,
      lastTriedAt: lastPolledAt ?? lastSuccessAt,
    };
  }
  return { health: 'ok', lastSuccessAt };
}

export function vendorHealth(record: PollRecord, now: string): VendorHealth {
  return describeFreshness(record, now).health;
}

/** The health word people read (CLI column, badges' tooltips): `failing (never succeeded)`. */
export function healthPhrase(health: VendorHealth, lastSuccessAt: string | null): string {
  return health === 'failing' && lastSuccessAt === null ? 'failing (never succeeded)' : health;
}

/** The last success is more than 3 intervals old. Only data once read can be stale. */
export function isStale(lastSuccessAt: string, intervalSeconds: number, now: string): boolean {
  return Date.parse(now) > Date.parse(staleInstant(lastSuccessAt, intervalSeconds));
}

function staleInstant(lastSuccessAt: string, intervalSeconds: number): string {
  const ms = Date.parse(lastSuccessAt) + staleAfterIntervals * intervalSeconds * 1000;
  return new Date(ms).toISOString();
}
