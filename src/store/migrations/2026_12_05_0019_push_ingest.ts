// Frozen: never edit a migration that has shipped; add a new one instead.
// Push ingestion: each vendor's random ingest token (null until `vendorwatch ingest-url` makes
// one), the instant the last accepted push arrived, and the start of the poll that answered it
// (push → stored is then measurable per vendor).
import type { Kysely } from 'kysely';
import { dialectOf, dialectQuirks } from '../db.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const { sortableText } = dialectQuirks(dialectOf(db));
  await db.schema.alterTable('vendor_state').addColumn('ingest_token', 'text').execute();
  await db.schema.alterTable('vendor_state').addColumn('push_received_at', sortableText).execute();
  await db.schema.alterTable('vendor_state').addColumn('push_polled_at', sortableText).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('vendor_state').dropColumn('push_polled_at').execute();
  await db.schema.alterTable('vendor_state').dropColumn('push_received_at').execute();
  await db.schema.alterTable('vendor_state').dropColumn('ingest_token').execute();
}
