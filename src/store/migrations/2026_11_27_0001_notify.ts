// Frozen: never edit a migration that has shipped; add a new one instead.
// Notifications: outbox rows learn what they are about (for noise control and the deliveries
// API), and each target gets a row for its state (disabled, quarantined, backing off) and lease.
import type { Kysely } from 'kysely';
import { dialectOf, dialectQuirks } from '../db.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const { sortableText } = dialectQuirks(dialectOf(db));

  // SQLite adds one column per ALTER TABLE.
  await db.schema
    .alterTable('outbox')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('event'))
    .execute();
  await db.schema.alterTable('outbox').addColumn('group_key', sortableText).execute();
  await db.schema.alterTable('outbox').addColumn('progress', 'text').execute();
  await db.schema
    .createIndex('outbox_target_due')
    .on('outbox')
    .columns(['target', 'status', 'seq'])
    .execute();
  await db.schema
    .createIndex('outbox_group')
    .on('outbox')
    .columns(['group_key', 'target', 'seq'])
    .execute();

  await db.schema
    .createTable('notify_targets')
    .addColumn('name', sortableText, (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failing_since', sortableText)
    .addColumn('last_error', 'text')
    .addColumn('last_success_at', sortableText)
    .addColumn('next_attempt_at', sortableText, (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', sortableText)
    .addColumn('updated_at', sortableText, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notify_targets').execute();
  await db.schema.dropIndex('outbox_group').execute();
  await db.schema.dropIndex('outbox_target_due').execute();
  for (const column of ['progress', 'group_key', 'kind']) {
    await db.schema.alterTable('outbox').dropColumn(column).execute();
  }
}
