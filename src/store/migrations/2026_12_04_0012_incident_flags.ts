// Frozen: never edit a migration that has shipped; add a new one instead.
// Hygiene flags of incidents (docs/contract.md#hygiene-flags): one row per flag episode. A flag
// that holds has cleared_at null, and at most one such row exists per (incident, kind): the
// partial unique index is what makes two sweeps raising the same stuck flag record it once.
import { sql, type Kysely } from 'kysely';
import { dialectOf, dialectQuirks } from '../db.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const { serialType, serialConstraints, sortableText } = dialectQuirks(dialectOf(db));
  await db.schema
    .createTable('incident_flags')
    .addColumn('seq', serialType, serialConstraints)
    .addColumn('incident_id', sortableText, (c) => c.notNull().references('incidents.id'))
    .addColumn('vendor_slug', sortableText, (c) => c.notNull())
    .addColumn('kind', sortableText, (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('first_detected_at', sortableText, (c) => c.notNull())
    .addColumn('cleared_at', sortableText)
    .execute();
  await db.schema
    .createIndex('incident_flags_holding')
    .on('incident_flags')
    .columns(['incident_id', 'kind'])
    .unique()
    .where(sql.ref('cleared_at'), 'is', null)
    .execute();
  // The incident lists' ?flag= filter and the report card's counts per vendor.
  await db.schema
    .createIndex('incident_flags_kind')
    .on('incident_flags')
    .columns(['kind', 'vendor_slug', 'incident_id'])
    .execute();
  await db.schema
    .createIndex('incident_flags_incident')
    .on('incident_flags')
    .columns(['incident_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('incident_flags').execute();
}
