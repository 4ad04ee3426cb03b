// Frozen: never edit a migration that has shipped; add a new one instead.
// What the adapter could not read on a vendor's last parsed poll, as a JSON array of strings.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('vendor_state').addColumn('warnings', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('vendor_state').dropColumn('warnings').execute();
}
