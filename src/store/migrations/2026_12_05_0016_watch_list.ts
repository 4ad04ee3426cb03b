// Frozen: never edit a migration that has shipped; add a new one instead.
// The watch list's per-vendor settings: paused (1: the scheduler skips the vendor, its history and
// page stay) and the components followed, as a JSON array of names (null: all of them).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('vendors')
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('vendors').addColumn('followed_components', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('vendors').dropColumn('followed_components').execute();
  await db.schema.alterTable('vendors').dropColumn('paused').execute();
}
