// Frozen: never edit a migration that has shipped; add a new one instead.
// Correlated outages: incidents of several vendors grouped by one likely upstream, each member
// with the evidence that put it there. An incident belongs to at most one outage.
import type { Kysely } from 'kysely';
import { dialectOf, dialectQuirks } from '../db.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const { sortableText } = dialectQuirks(dialectOf(db));
  await db.schema
    .createTable('outages')
    .addColumn('id', sortableText, (c) => c.primaryKey())
    .addColumn('upstream', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('started_at', sortableText, (c) => c.notNull())
    .addColumn('detected_at', sortableText, (c) => c.notNull())
    .addColumn('updated_at', sortableText, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outages_started')
    .on('outages')
    .columns(['started_at', 'id'])
    .execute();
  await db.schema
    .createTable('outage_members')
    .addColumn('outage_id', sortableText, (c) => c.notNull().references('outages.id'))
    .addColumn('incident_id', sortableText, (c) => c.notNull().unique().references('incidents.id'))
    .addColumn('vendor_slug', sortableText, (c) => c.notNull().references('vendors.slug'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('near_incident_id', sortableText)
    .addColumn('gap_seconds', 'integer')
    .addColumn('joined_at', sortableText, (c) => c.notNull())
    .addPrimaryKeyConstraint('outage_members_pk', ['outage_id', 'incident_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outage_members').execute();
  await db.schema.dropTable('outages').execute();
}
