// Small lookups the web layer needs that the main repository modules do not offer. Kept apart
// so the store's owner can fold them into events.ts / vendors.ts without touching the web.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The seq of the event with this id (SSE Last-Event-ID), or null when there is none. */
export async function findEventSeq(db: Kysely<Database>, eventId: string): Promise<number | null> {
  const row = await db
    .selectFrom('events')
    .select('seq')
    .where('id', '=', eventId)
    .executeTakeFirst();
  return row?.seq ?? null;
}

/** A vendor's display name (also of a vendor no longer watched), or null for an unknown slug. */
export async function findVendorName(db: Kysely<Database>, slug: string): Promise<string | null> {
  const row = await db
    .selectFrom('vendors')
    .select('name')
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row?.name ?? null;
}
