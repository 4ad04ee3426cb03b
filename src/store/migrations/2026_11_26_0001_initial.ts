// Frozen: never edit a migration that has shipped; add a new one instead.
// Every list query of the API has an index that serves both its filter and its order.
import type { Kysely } from 'kysely';
import { dialectOf, dialectQuirks } from '../db.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const { serialType, serialConstraints, sortableText } = dialectQuirks(dialectOf(db));

  await db.schema
    .createTable('vendors')
    .addColumn('slug', sortableText, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status_page_url', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', sortableText, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('vendor_state')
    .addColumn('slug', sortableText, (c) => c.primaryKey().references('vendors.slug'))
    .addColumn('next_poll_at', sortableText, (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', sortableText)
    .addColumn('last_polled_at', sortableText)
    .addColumn('last_success_at', sortableText)
    .addColumn('last_error', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unreachable_reported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('validators', 'text')
    .addColumn('page_name', 'text')
    .execute();
  // The last raw bodies live apart from the poll state: that row is rewritten on every poll,
  // and SQLite rewrites a whole record, large bodies included, on any update.
  await db.schema
    .createTable('vendor_payloads')
    .addColumn('slug', sortableText, (c) => c.primaryKey().references('vendors.slug'))
    .addColumn('raw_payload', 'text', (c) => c.notNull())
    .addColumn('updated_at', sortableText, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('vendor_state_next_poll')
    .on('vendor_state')
    .columns(['next_poll_at'])
    .execute();

  await db.schema
    .createTable('components')
    .addColumn('vendor_slug', sortableText, (c) => c.notNull().references('vendors.slug'))
    .addColumn('id', sortableText, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('group_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('updated_at', sortableText, (c) => c.notNull())
    .addPrimaryKeyConstraint('components_pk', ['vendor_slug', 'id'])
    .execute();
  // Covers the vendors list's worst-status-per-vendor query without reading the table.
  await db.schema
    .createIndex('components_vendor_status')
    .on('components')
    .columns(['vendor_slug', 'status'])
    .execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', sortableText, (c) => c.primaryKey())
    .addColumn('vendor_slug', sortableText, (c) => c.notNull().references('vendors.slug'))
    .addColumn('source_id', sortableText, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('impact', sortableText, (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('started_at', sortableText, (c) => c.notNull())
    .addColumn('resolved_at', sortableText)
    .addColumn('detected_at', sortableText, (c) => c.notNull())
    .addColumn('backfilled', 'integer', (c) => c.notNull())
    .addColumn('source_url', 'text')
    .addColumn('components', 'text', (c) => c.notNull())
    .addColumn('scheduled_for', sortableText)
    .addColumn('scheduled_until', sortableText)
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('updated_at', sortableText, (c) => c.notNull())
    .addUniqueConstraint('incidents_vendor_source', ['vendor_slug', 'source_id'])
    .execute();
  const incidentIndexes: Array<[string, string[]]> = [
    ['incidents_started', ['started_at', 'id']],
    ['incidents_vendor_started', ['vendor_slug', 'started_at', 'id']],
    ['incidents_active_started', ['active', 'started_at', 'id']],
    ['incidents_impact_started', ['impact', 'started_at', 'id']],
    // A cycle loads a vendor's open incidents without walking its history; also its list filter.
    ['incidents_vendor_active_started', ['vendor_slug', 'active', 'started_at', 'id']],
  ];
  for (const [name, columns] of incidentIndexes) {
    await db.schema.createIndex(name).on('incidents').columns(columns).execute();
  }

  await db.schema
    .createTable('incident_updates')
    .addColumn('incident_id', sortableText, (c) => c.notNull().references('incidents.id'))
    .addColumn('id', sortableText, (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('posted_at', sortableText, (c) => c.notNull())
    .addColumn('detected_at', sortableText, (c) => c.notNull())
    .addColumn('components', 'text')
    .addPrimaryKeyConstraint('incident_updates_pk', ['incident_id', 'id'])
    .execute();

  await db.schema
    .createTable('revisions')
    .addColumn('seq', serialType, serialConstraints)
    .addColumn('incident_id', sortableText, (c) => c.notNull().references('incidents.id'))
    .addColumn('update_id', 'text')
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('seen_at', sortableText, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('revisions_incident')
    .on('revisions')
    .columns(['incident_id', 'seq'])
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('seq', serialType, serialConstraints)
    .addColumn('id', sortableText, (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('vendor_slug', sortableText, (c) => c.notNull().references('vendors.slug'))
    .addColumn('incident_id', sortableText, (c) => c.references('incidents.id'))
    .addColumn('update_id', 'text')
    .addColumn('component', 'text')
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('at', sortableText, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('events_vendor_seq')
    .on('events')
    .columns(['vendor_slug', 'seq'])
    .execute();
  await db.schema.createIndex('events_at').on('events').columns(['at', 'seq']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('seq', serialType, serialConstraints)
    .addColumn('delivery_key', sortableText, (c) => c.notNull().unique())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('event_id', sortableText, (c) => c.notNull().references('events.id'))
    .addColumn('status', sortableText, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', sortableText, (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', sortableText, (c) => c.notNull())
    .addColumn('sent_at', sortableText)
    .addColumn('lease_until', sortableText)
    .execute();
  await db.schema
    .createIndex('outbox_due')
    .on('outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outbox',
    'events',
    'revisions',
    'incident_updates',
    'incidents',
    'components',
    'vendor_payloads',
    'vendor_state',
    'vendors',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
