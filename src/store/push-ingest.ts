// Push ingestion's rows: each vendor's ingest token, and a push recorded as "poll this vendor
// now" — its next due time moved up in the store, so whichever worker holds it polls at once.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { pushDueAt } from '../domain/push-coalesce.js';
import { storedInstant } from './codec.js';
import { dialectOf } from './db.js';
import type { Database } from './schema.js';

/** What a push needs to know of a watched vendor: its token (null until one is made). */
export interface PushTarget {
  token: string | null;
}

export async function loadPushTarget(
  db: Kysely<Database>,
  slug: string,
): Promise<PushTarget | null> {
  const row = await db
    .selectFrom('vendor_state')
    .innerJoin('vendors', 'vendors.slug', 'vendor_state.slug')
    .select('vendor_state.ingest_token')
    .where('vendor_state.slug', '=', slug)
    .where('vendors.enabled', '=', 1)
    .executeTakeFirst();
  return row ? { token: row.ingest_token } : null;
}

/**
 * The vendor's ingest token, made (32 random bytes, base64url) on first use and kept after;
 * null for a vendor the store does not know.
 */
export async function issueIngestToken(db: Kysely<Database>, slug: string): Promise<string | null> {
  const fresh = randomBytes(32).toString('base64url');
  // Two callers at once both keep whichever token was written first.
  await db
    .updateTable('vendor_state')
    .set({ ingest_token: fresh })
    .where('slug', '=', slug)
    .where('ingest_token', 'is', null)
    .execute();
  const row = await db
    .selectFrom('vendor_state')
    .select('ingest_token')
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row?.ingest_token ?? null;
}

/**
 * Records a push at `now` and makes the vendor due at `now`, but no sooner than `coalesceSeconds`
 * after its last poll started (pushes in a burst share one poll). A vendor due sooner keeps its
 * time; one in flight is handled when its poll is recorded (commitCycle's nextPollAtAfterPush).
 * The last poll's start is read in the same transaction (row locked on PostgreSQL), so a poll
 * recorded meanwhile still counts. Returns when the vendor is now due.
 */
export async function recordPush(
  db: Kysely<Database>,
  slug: string,
  now: string,
  coalesceSeconds: number,
): Promise<string> {
  const at = storedInstant(now);
  const postgres = dialectOf(db) === 'postgres';
  return db.transaction().execute(async (trx) => {
    let read = trx.selectFrom('vendor_state').select('last_polled_at').where('slug', '=', slug);
    if (postgres) read = read.forUpdate();
    const row = await read.executeTakeFirst();
    const dueAt = storedInstant(pushDueAt(row?.last_polled_at ?? null, now, coalesceSeconds));
    await trx
      .updateTable('vendor_state')
      .set({
        push_received_at: at,
        next_poll_at: sql<string>`case when next_poll_at > ${dueAt} then ${dueAt} else next_poll_at end`,
      })
      .where('slug', '=', slug)
      .execute();
    return dueAt;
  });
}
