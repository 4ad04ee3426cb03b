// Vendor times arrive with local offsets, without zones, or broken. All stored times are
// ISO 8601 UTC with milliseconds, so they compare as strings in both databases.

const isoWithZone =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;

/** Earliest and latest instants accepted from a vendor; anything else is a broken date. */
const minAcceptedMs = Date.UTC(1995, 0, 1);
const maxAcceptedMs = Date.UTC(2200, 0, 1);

/**
 * Parses an ISO 8601 timestamp that carries a zone (Z or ±hh:mm) into UTC ISO.
 * Returns null for anything else: no zone, impossible fields, out-of-range years.
 */
export function parseInstant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = isoWithZone.exec(value.trim());
  if (!match) return null;
  const [, , mo, d, h, mi, s] = match;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return null;
  }
  const ms = Date.parse(value.trim().replace(' ', 'T'));
  if (!Number.isFinite(ms) || ms < minAcceptedMs || ms > maxAcceptedMs) return null;
  const date = new Date(ms);
  // Date.parse rolls Feb 31 over to March; a vendor that sends it has sent a broken date.
  if (second < 60 && !matchesCalendar(date, value.trim())) return null;
  return date.toISOString();
}

function matchesCalendar(date: Date, raw: string): boolean {
  const match = isoWithZone.exec(raw);
  if (!match) return false;
  const offset = match[8]!.toUpperCase();
  if (offset !== 'Z' && !/^[+-]00:?00$/.test(offset)) return true;
  return date.getUTCDate() === Number(match[3]) && date.getUTCMonth() + 1 === Number(match[2]);
}

/** Parses epoch seconds or milliseconds (numbers or numeric strings) into UTC ISO. */
export function parseEpoch(value: unknown, unit: 's' | 'ms'): string | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  const ms = unit === 's' ? n * 1000 : n;
  if (ms < minAcceptedMs || ms > maxAcceptedMs) return null;
  return new Date(ms).toISOString();
}

/** Whole seconds from `from` to `to`, floored, never negative. */
export function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 1000));
}

export function addSeconds(instant: string, seconds: number): string {
  return new Date(Date.parse(instant) + seconds * 1000).toISOString();
}
