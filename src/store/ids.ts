// Ids the store mints: event ids and the per-(target, event) delivery idempotency keys.
import { createHash, randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so ids read aloud and copy cleanly. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const timeChars = 10;
const randomChars = 16;

/**
 * `evt_` + a ULID: 48 bits of milliseconds then 80 random bits, 26 base32 characters, so ids
 * minted later sort later (across processes too, up to clock skew).
 */
export function newEventId(nowMs: number = Date.now()): string {
  let time = '';
  let ms = Math.max(0, Math.floor(nowMs));
  for (let i = 0; i < timeChars; i++) {
    time = alphabet[ms % 32]! + time;
    ms = Math.floor(ms / 32);
  }
  const bytes = randomBytes(randomChars);
  let random = '';
  for (const byte of bytes) random += alphabet[byte & 31]!;
  return `evt_${time}${random}`;
}

/** The X-Vendorwatch-Delivery key: the same for every retry of one event to one target. */
export function deliveryKey(target: string, eventId: string): string {
  return createHash('sha256').update(`${target}\n${eventId}`).digest('hex').slice(0, 32);
}
