// Frozen: never edit a migration that has shipped; add a new one instead.
// Notification targets added through the admin API live in the store: where each target comes
// from ('config' or 'api'), and an API target's whole definition (JSON, secrets included).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per ALTER TABLE.
  await db.schema
    .alterTable('notify_targets')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('config'))
    .execute();
  await db.schema.alterTable('notify_targets').addColumn('definition', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['definition', 'origin']) {
    await db.schema.alterTable('notify_targets').dropColumn(column).execute();
  }
}
