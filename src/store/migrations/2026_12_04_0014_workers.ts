// Frozen: never edit a migration that has shipped; add a new one instead.
// Workers: one row per poller process (a stable id, its heartbeat and figures, and when it was
// found gone and its leases taken over). Leases are renewed by owner, so lease_owner is indexed.
import type { Kysely } from 'kysely';
import { dialectOf, dialectQuirks } from '../db.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const { sortableText } = dialectQuirks(dialectOf(db));
  await db.schema
    .createTable('workers')
    .addColumn('id', sortableText, (c) => c.primaryKey())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('started_at', sortableText, (c) => c.notNull())
    .addColumn('heartbeat_at', sortableText, (c) => c.notNull())
    .addColumn('gone_at', sortableText)
    .addColumn('gone_reason', 'text')
    .addColumn('taken_over_at', sortableText)
    .addColumn('polls_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('polls_per_second', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('claims_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('claim_ms_total', 'double precision', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('vendor_state_lease_owner')
    .on('vendor_state')
    .columns(['lease_owner'])
    .execute();
  await db.schema
    .createIndex('notify_targets_lease_owner')
    .on('notify_targets')
    .columns(['lease_owner'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('notify_targets_lease_owner').execute();
  await db.schema.dropIndex('vendor_state_lease_owner').execute();
  await db.schema.dropTable('workers').execute();
}
