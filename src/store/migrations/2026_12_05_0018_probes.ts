// Frozen: never edit a migration that has shipped; add a new one instead.
// Probes and suspected outages (docs/contract.md#probes): each probe's latest result, its raw
// results (kept 7 days) and hourly roll-ups (kept a year), the vendors' suspicions, and on each
// incident the suspicion linked to it with the probes' first failure.
import { sql, type Kysely } from 'kysely';
import { dialectOf, dialectQuirks } from '../db.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const { sortableText } = dialectQuirks(dialect);
  // SQLite: keyed tables without a rowid store each row once, in key order (no second b-tree).
  const clustered = dialect === 'sqlite' ? sql`without rowid` : sql``;
  await db.schema
    .createTable('probe_state')
    .addColumn('vendor_slug', sortableText, (c) => c.notNull())
    .addColumn('probe', sortableText, (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('last_at', sortableText, (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('failing_since', sortableText)
    .addPrimaryKeyConstraint('probe_state_pk', ['vendor_slug', 'probe'])
    .modifyEnd(clustered)
    .execute();
  await db.schema
    .createTable('probe_results')
    .addColumn('vendor_slug', sortableText, (c) => c.notNull())
    .addColumn('probe', sortableText, (c) => c.notNull())
    .addColumn('at', sortableText, (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('probe_results_pk', ['vendor_slug', 'probe', 'at'])
    .modifyEnd(clustered)
    .execute();
  await db.schema
    .createTable('probe_hourly')
    .addColumn('vendor_slug', sortableText, (c) => c.notNull())
    .addColumn('probe', sortableText, (c) => c.notNull())
    .addColumn('hour', sortableText, (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('p50_ms', 'integer', (c) => c.notNull())
    .addColumn('max_ms', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('probe_hourly_pk', ['vendor_slug', 'probe', 'hour'])
    .modifyEnd(clustered)
    .execute();
  await db.schema
    .createTable('vendor_suspicions')
    .addColumn('id', sortableText, (c) => c.primaryKey())
    .addColumn('vendor_slug', sortableText, (c) => c.notNull())
    .addColumn('first_signal_at', sortableText, (c) => c.notNull())
    .addColumn('suspected_at', sortableText, (c) => c.notNull())
    .addColumn('ended_at', sortableText)
    /** 'open', 'cleared' or 'linked'. */
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('incident_id', sortableText)
    .addColumn('probes', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  // At most one open suspicion per vendor: two workers deciding at once record it once.
  await db.schema
    .createIndex('vendor_suspicions_open')
    .on('vendor_suspicions')
    .column('vendor_slug')
    .unique()
    .where(sql.ref('ended_at'), 'is', null)
    .execute();
  await db.schema.alterTable('incidents').addColumn('first_signal_at', sortableText).execute();
  await db.schema.alterTable('incidents').addColumn('suspicion_id', sortableText).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('incidents').dropColumn('suspicion_id').execute();
  await db.schema.alterTable('incidents').dropColumn('first_signal_at').execute();
  await db.schema.dropTable('vendor_suspicions').execute();
  await db.schema.dropTable('probe_hourly').execute();
  await db.schema.dropTable('probe_results').execute();
  await db.schema.dropTable('probe_state').execute();
}
