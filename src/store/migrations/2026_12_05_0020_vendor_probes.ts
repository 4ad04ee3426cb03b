// Frozen: never edit a migration that has shipped; add a new one instead.
// Probes kept with their vendor (docs/contract.md#probes): the vendor's probe specs as a JSON array
// (null: none) and its own suspectAfter (null: the global one), so the probe runner reads one
// source whether the probes come from the config file or from the watch list and the API.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('vendors').addColumn('probes', 'text').execute();
  await db.schema.alterTable('vendors').addColumn('suspect_after', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('vendors').dropColumn('suspect_after').execute();
  await db.schema.alterTable('vendors').dropColumn('probes').execute();
}
