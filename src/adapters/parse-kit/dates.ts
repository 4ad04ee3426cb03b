// Vendor time formats beyond ISO 8601: RFC 822 feed dates, JavaScript Date.toString(), bare
// local times with a zone abbreviation. Every result goes through parseInstant, so all are UTC ISO.
import { parseInstant } from '../../domain/time.js';

/** Abbreviations seen on status pages; ambiguous ones (IST, CST in Asia) are left out on purpose. */
const zoneOffsets: Readonly<Record<string, string>> = {
  Z: '+00:00',
  UT: '+00:00',
  UTC: '+00:00',
  GMT: '+00:00',
  WET: '+00:00',
  BST: '+01:00',
  WEST: '+01:00',
  CET: '+01:00',
  CEST: '+02:00',
  EET: '+02:00',
  EEST: '+03:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
  AKST: '-09:00',
  AKDT: '-08:00',
  HST: '-10:00',
  JST: '+09:00',
  KST: '+09:00',
  SGT: '+08:00',
  HKT: '+08:00',
  AWST: '+08:00',
  ACST: '+09:30',
  ACDT: '+10:30',
  AEST: '+10:00',
  AEDT: '+11:00',
  NZST: '+12:00',
  NZDT: '+13:00',
};

const monthNumbers: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Longest date string worth looking at; longer input is not a date and never reaches a regex. */
const maxDateLength = 120;

/** `+hh:mm` for a zone abbreviation or a numeric offset (`+0000`, `-07:00`); null if unknown. */
export function zoneOffset(zone: string): string | null {
  const upper = zone.trim().toUpperCase();
  if (Object.prototype.hasOwnProperty.call(zoneOffsets, upper)) return zoneOffsets[upper]!;
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(upper);
  return numeric ? `${numeric[1]}${numeric[2]}:${numeric[3]}` : null;
}

/** 1–12 for an English month name or its three-letter abbreviation; null otherwise. */
export function monthNumber(name: string): number | null {
  const key = name.trim().slice(0, 3).toLowerCase();
  return Object.prototype.hasOwnProperty.call(monthNumbers, key) ? monthNumbers[key]! : null;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offset: string;
}

/** A calendar time at an offset as UTC ISO; null when any field is impossible. */
export function instantFromWallClock(t: WallClock): string | null {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const iso = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.offset}`;
  return parseInstant(iso);
}

const rfc822 =
  /^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3,9})\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})$/i;

/** JavaScript's Date.toString(): "Sat Jun 11 2022 18:55:50 GMT+0000 (Coordinated Universal Time)". */
const jsDateString =
  /^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+GMT([+-]\d{4})(?:\s+\([^()]*\))?$/i;

/** ISO 8601 with a zone, RFC 822/1123 (feeds), or JavaScript Date.toString(); else null. */
export function parseVendorTime(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > maxDateLength) return null;
  const text = value.trim();
  const iso = parseInstant(text);
  if (iso !== null) return iso;
  const rfc = rfc822.exec(text);
  if (rfc) {
    const year = rfc[3]!.length === 2 ? 2000 + Number(rfc[3]) : Number(rfc[3]);
    return fromParts(year, rfc[2]!, rfc[1]!, rfc[4]!, rfc[5]!, rfc[6], rfc[7]!);
  }
  const js = jsDateString.exec(text);
  if (js) return fromParts(Number(js[3]), js[1]!, js[2]!, js[4]!, js[5]!, js[6], js[7]!);
  return null;
}

function fromParts(
  year: number,
  monthName: string,
  day: string,
  hour: string,
  minute: string,
  second: string | undefined,
  zone: string,
): string | null {
  const month = monthNumber(monthName);
  const offset = zoneOffset(zone);
  if (month === null || offset === null) return null;
  return instantFromWallClock({
    year,
    month,
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: second === undefined ? 0 : Number(second),
    offset,
  });
}

/** "YYYY-MM-DD HH:MM[:SS]" with no zone (Cachet), read as UTC; null for anything else. */
export function parseZonelessAsUtc(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?$/.test(text)) return null;
  return parseInstant(`${text}Z`);
}
