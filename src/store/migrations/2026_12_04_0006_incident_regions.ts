// Frozen: never edit a migration that has shipped; add a new one instead.
// Regions an incident names apart from its services (Azure's region categories), as a JSON array.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('incidents')
    .addColumn('regions', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('incidents').dropColumn('regions').execute();
}
