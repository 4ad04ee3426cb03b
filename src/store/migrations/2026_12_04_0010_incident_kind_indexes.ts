// Frozen: never edit a migration that has shipped; add a new one instead.
// Lists of one kind (the maintenance calendar, the Statuspage-compatible lists of incidents and of
// maintenances) walk these instead of filtering a vendor's whole history by kind.
import type { Kysely } from 'kysely';

const indexes: Array<[string, string[]]> = [
  ['incidents_kind_started', ['kind', 'started_at', 'id']],
  ['incidents_vendor_kind_started', ['vendor_slug', 'kind', 'started_at', 'id']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of indexes) {
    await db.schema.createIndex(name).on('incidents').columns(columns).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of indexes) await db.schema.dropIndex(name).execute();
}
