// Statuspage renders every time in the page's zone with milliseconds: `Z` for Etc/UTC, `-04:00` for
// America/New_York in summer (docs/platforms.md#statuspage-times). This reproduces that.

const utcZones = new Set(['Etc/UTC', 'UTC', 'Etc/Universal', 'Etc/Zulu', 'Universal', 'Zulu']);
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** True when `zone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Offsets change only at transitions, which fall on quarter hours in every IANA zone, so one
 * Intl lookup per (zone, quarter hour) serves all times in it; Intl is ~100× slower than a Map.
 */
const quarterHourMs = 900_000;
const offsetCache = new Map<string, Map<number, number>>();

function offsetMinutes(ms: number, zone: string): number {
  let byQuarter = offsetCache.get(zone);
  if (!byQuarter || byQuarter.size > 50_000) {
    byQuarter = new Map();
    offsetCache.set(zone, byQuarter);
  }
  const quarter = Math.floor(ms / quarterHourMs);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    offset = lookupOffset(quarter * quarterHourMs, zone);
    byQuarter.set(quarter, offset);
  }
  return offset;
}

function lookupOffset(ms: number, zone: string): number {
  let formatter = offsetFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormatters.set(zone, formatter);
  }
  const name = formatter.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** `2026-05-12T22:22:52.776-04:00`, or `…Z` for UTC pages. */
export function formatInstant(ms: number, zone: string): string {
  if (utcZones.has(zone)) return new Date(ms).toISOString();
  const offset = offsetMinutes(ms, zone);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** RFC 7231 date for Last-Modified. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
