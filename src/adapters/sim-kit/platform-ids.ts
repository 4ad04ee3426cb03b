// Ids and times in other products' styles, derived from the model's ids so every render of a
// vendor gives the same values: incident.io ULIDs, Instatus cuids, Cachet integer ids.
import { createHash } from 'node:crypto';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function digest(...parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('\u0000')).digest();
}

/** A 26-character ULID: 10 characters of `ms`, 16 derived from `id`. */
export function ulidOf(id: string, ms: number): string {
  let time = '';
  let rest = Math.max(0, Math.floor(ms));
  for (let i = 0; i < 10; i += 1) {
    time = crockford[rest % 32]! + time;
    rest = Math.floor(rest / 32);
  }
  const bytes = digest('ulid', id);
  let random = '';
  for (let i = 0; i < 16; i += 1) random += crockford[(bytes[i] ?? 0) % 32];
  return time + random;
}

/** An Instatus-looking cuid: `cl` + 23 characters [a-z0-9]. */
export function cuidOf(id: string): string {
  const bytes = digest('cuid', id);
  let out = 'cl';
  for (let i = 0; i < 23; i += 1)
    out += 'abcdefghijklmnopqrstuvwxyz0123456789'[(bytes[i] ?? 0) % 36];
  return out;
}

/** A Cachet auto-increment-looking id: a positive integer below 10⁹. */
export function integerIdOf(kind: string, id: string): number {
  return (digest('cachet', kind, id).readUInt32BE(0) % 999_999_999) + 1;
}

/** `2026-07-09T19:25:56Z`: incident.io's UTC times, without milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2026-07-09 19:25:56`: Cachet's zone-less database times (the instance here runs on UTC). */
export function zonelessUtc(ms: number): string {
  return isoSeconds(ms).replace('T', ' ').replace('Z', '');
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** `Sat Jun 11 2022 18:55:50 GMT+0000 (Coordinated Universal Time)`: Instatus's Date.toString(). */
export function jsDateString(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `${weekdays[d.getUTCDay()]} ${monthNames[d.getUTCMonth()]} ${two(d.getUTCDate())} ` +
    `${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:` +
    `${two(d.getUTCSeconds())} GMT+0000 (Coordinated Universal Time)`
  );
}
