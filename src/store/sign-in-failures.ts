// The per-address half of the brute-force limit: failed sign-ins from one address within a window,
// kept in the store so every web process sees the same count.
import type { Kysely } from 'kysely';
import { storableText, storedInstant } from './codec.js';
import type { Database } from './schema.js';

interface AddressLimit {
  /** Failures within `windowMs` that lock the address. */
  threshold: number;
  windowMs: number;
  lockMs: number;
}

/** When the address may try again, or null when it is not locked. */
export async function addressLockedUntil(
  db: Kysely<Database>,
  address: string,
  now: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select('locked_until')
    .where('address', '=', storableText(address))
    .executeTakeFirst();
  const until = row?.locked_until ?? null;
  return until !== null && until > storedInstant(now) ? until : null;
}

/** Counts one failure from the address; answers the lock's end when this one locked it. */
export async function recordAddressFailure(
  db: Kysely<Database>,
  address: string,
  now: string,
  limit: AddressLimit,
): Promise<string | null> {
  const key = storableText(address);
  const at = storedInstant(now);
  const windowStart = new Date(Date.parse(at) - limit.windowMs).toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('sign_in_failures')
      .selectAll()
      .where('address', '=', key)
      .executeTakeFirst();
    const fresh = !row || row.window_started_at < windowStart;
    const failures = fresh ? 1 : Number(row.failures) + 1;
    const lockedUntil =
      failures >= limit.threshold ? new Date(Date.parse(at) + limit.lockMs).toISOString() : null;
    const values = {
      failures: lockedUntil ? 0 : failures,
      window_started_at: fresh ? at : row.window_started_at,
      locked_until: lockedUntil ?? (fresh ? null : row.locked_until),
    };
    if (row) {
      await trx.updateTable('sign_in_failures').set(values).where('address', '=', key).execute();
    } else {
      await trx
        .insertInto('sign_in_failures')
        .values({ address: key, ...values })
        .execute();
    }
    return lockedUntil;
  });
}
