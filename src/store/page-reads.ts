// Reads that only the HTML pages, feeds and metrics need: a vendor's recent window (90-day bars
// and figures), component status changes, updates of many incidents at once, and the gauges'
// current values. Each one walks an index range; none reads a vendor's whole history.
import type { Kysely } from 'kysely';
import type { ComponentChange, Incident, IncidentUpdate } from '../domain/model.js';
import type { ComponentStatus, Impact } from '../domain/vocabulary.js';
import { chunk, maxInListSize, storableText } from './codec.js';
import { queryInstant } from './cursor.js';
import { eventFromRow } from './event-rows.js';
import { incidentFromRow, updateFromRow } from './incident-rows.js';
import type { Database } from './schema.js';

/** More rows than any real vendor posts in a window; a flood is cut, never read whole. */
const maxWindowRows = 5000;

/**
 * A vendor's incidents that started at or after `since`, plus every one still open (which may
 * have started long before), newest first.
 */
export async function listVendorWindowIncidents(
  db: Kysely<Database>,
  slug: string,
  since: string,
): Promise<Incident[]> {
  const [recent, open] = await Promise.all([
    windowIncidentsQuery(db, slug, since).execute(),
    openIncidentsQuery(db, slug).execute(),
  ]);
  const seen = new Set(recent.map((row) => row.id));
  const rows = [...recent, ...open.filter((row) => !seen.has(row.id))];
  rows.sort((a, b) => compareDesc(a.started_at, b.started_at) || compareDesc(a.id, b.id));
  return rows.map(incidentFromRow);
}

function compareDesc(a: string, b: string): number {
  return a === b ? 0 : a < b ? 1 : -1;
}

/** The SQL of the window read (exported, like every list query, so tests can EXPLAIN it). */
export function windowIncidentsQuery(db: Kysely<Database>, slug: string, since: string) {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('vendor_slug', '=', storableText(slug))
    .where('started_at', '>=', queryInstant('since', since))
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(maxWindowRows);
}

export function openIncidentsQuery(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('vendor_slug', '=', storableText(slug))
    .where('active', '=', 1)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(maxWindowRows);
}

/** When the vendor's oldest stored incident started (its own history's reach); null when none. */
export async function findOldestIncidentStart(
  db: Kysely<Database>,
  slug: string,
): Promise<string | null> {
  const row = await oldestIncidentQuery(db, slug).executeTakeFirst();
  return row?.started_at ?? null;
}

export function oldestIncidentQuery(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom('incidents')
    .select('started_at')
    .where('vendor_slug', '=', storableText(slug))
    .orderBy('started_at')
    .orderBy('id')
    .limit(1);
}

export interface OpenIncidentTitle {
  id: string;
  title: string;
  kind: Incident['kind'];
  impact: Impact;
}

/** Every vendor's open incidents and maintenances (the dashboard rows), newest first. */
export async function listOpenIncidentTitles(
  db: Kysely<Database>,
): Promise<Map<string, OpenIncidentTitle[]>> {
  const rows = await openIncidentTitlesQuery(db).execute();
  const byVendor = new Map<string, OpenIncidentTitle[]>();
  for (const row of rows) {
    const list = byVendor.get(row.vendor_slug) ?? [];
    list.push({
      id: row.id,
      title: row.title,
      kind: row.kind as Incident['kind'],
      impact: row.impact as Impact,
    });
    byVendor.set(row.vendor_slug, list);
  }
  return byVendor;
}

export function openIncidentTitlesQuery(db: Kysely<Database>) {
  return db
    .selectFrom('incidents')
    .select(['vendor_slug', 'id', 'title', 'kind', 'impact'])
    .where('active', '=', 1)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(maxWindowRows);
}

interface ComponentStatusChange extends ComponentChange {
  at: string;
}

/**
 * component.status_changed events of a vendor recorded at or after `since`, oldest first. The
 * seq walk starts at the first event of the window (events_at), then follows events_vendor_seq.
 */
export async function listComponentChanges(
  db: Kysely<Database>,
  slug: string,
  since: string,
): Promise<ComponentStatusChange[]> {
  const first = await firstEventSinceQuery(db, since).executeTakeFirst();
  if (!first) return [];
  const rows = await componentChangesQuery(db, slug, first.seq).execute();
  return rows.flatMap((row) => {
    const event = eventFromRow(row);
    return event.component ? [{ ...event.component, at: event.at }] : [];
  });
}

export function firstEventSinceQuery(db: Kysely<Database>, since: string) {
  return db
    .selectFrom('events')
    .select('seq')
    .where('at', '>=', queryInstant('since', since))
    .orderBy('at')
    .orderBy('seq')
    .limit(1);
}

export function componentChangesQuery(db: Kysely<Database>, slug: string, fromSeq: number) {
  return db
    .selectFrom('events')
    .selectAll()
    .where('vendor_slug', '=', storableText(slug))
    .where('seq', '>=', fromSeq)
    .where('type', '=', 'component.status_changed')
    .orderBy('seq')
    .limit(maxWindowRows);
}

/** The updates of each incident, oldest first, for many incidents in few queries (feeds). */
export async function listUpdatesFor(
  db: Kysely<Database>,
  incidentIds: readonly string[],
): Promise<Map<string, IncidentUpdate[]>> {
  const byIncident = new Map<string, IncidentUpdate[]>(incidentIds.map((id) => [id, []]));
  for (const ids of chunk([...byIncident.keys()], maxInListSize)) {
    if (ids.length === 0) continue;
    const rows = await db
      .selectFrom('incident_updates')
      .selectAll()
      .where('incident_id', 'in', ids)
      .orderBy('incident_id')
      .orderBy('posted_at')
      .orderBy('id')
      .execute();
    for (const row of rows) byIncident.get(row.incident_id)?.push(updateFromRow(row));
  }
  return byIncident;
}

interface VendorRecord {
  slug: string;
  name: string;
  statusPageUrl: string;
  /** When vendorwatch started watching it. */
  watchedSince: string;
}

/** A vendor's identity (also one no longer watched) by primary key; null for an unknown slug. */
export async function findVendorRecord(
  db: Kysely<Database>,
  slug: string,
): Promise<VendorRecord | null> {
  const row = await db
    .selectFrom('vendors')
    .select(['slug', 'name', 'status_page_url', 'created_at'])
    .where('slug', '=', storableText(slug))
    .executeTakeFirst();
  if (!row) return null;
  return {
    slug: row.slug,
    name: row.name,
    statusPageUrl: row.status_page_url,
    watchedSince: row.created_at,
  };
}

interface ComponentStatusRow {
  vendorSlug: string;
  name: string;
  group: string | null;
  status: ComponentStatus;
}

/** Every component of every watched vendor (the per-component gauges of /metrics). */
export async function listWatchedComponents(db: Kysely<Database>): Promise<ComponentStatusRow[]> {
  const rows = await db
    .selectFrom('components')
    .innerJoin('vendors', 'vendors.slug', 'components.vendor_slug')
    .select([
      'components.vendor_slug',
      'components.name',
      'components.group_name',
      'components.status',
    ])
    .where('vendors.enabled', '=', 1)
    .orderBy('components.vendor_slug')
    .orderBy('components.position')
    .execute();
  return rows.map((row) => ({
    vendorSlug: row.vendor_slug,
    name: row.name,
    group: row.group_name,
    // Written only from typed domain values.
    status: row.status as ComponentStatus,
  }));
}

interface ActiveIncidentCount {
  vendorSlug: string;
  impact: Impact;
  count: number;
}

/** Open incidents and maintenances by vendor and impact (walks incidents_active_started). */
export async function countActiveIncidents(db: Kysely<Database>): Promise<ActiveIncidentCount[]> {
  const rows = await db
    .selectFrom('incidents')
    .select(['vendor_slug', 'impact'])
    .select((eb) => eb.fn.countAll<number | string>().as('open'))
    .where('active', '=', 1)
    .groupBy(['vendor_slug', 'impact'])
    .execute();
  return rows.map((row) => ({
    vendorSlug: row.vendor_slug,
    impact: row.impact as Impact,
    count: Number(row.open),
  }));
}

interface IncidentStamp {
  vendorSlug: string;
  /** Changes with every write to the incident, its updates or its revisions. */
  updatedAt: string;
  resolvedAt: string | null;
  vendorName: string | null;
  vendorStatusPageUrl: string | null;
}

/** What an incident page depends on besides the clock, in one primary-key read. */
export async function findIncidentStamp(
  db: Kysely<Database>,
  id: string,
): Promise<IncidentStamp | null> {
  const row = await db
    .selectFrom('incidents')
    .leftJoin('vendors', 'vendors.slug', 'incidents.vendor_slug')
    .select([
      'incidents.vendor_slug',
      'incidents.updated_at',
      'incidents.resolved_at',
      'vendors.name',
      'vendors.status_page_url',
    ])
    .where('incidents.id', '=', storableText(id))
    .executeTakeFirst();
  if (!row) return null;
  return {
    vendorSlug: row.vendor_slug,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    vendorName: row.name,
    vendorStatusPageUrl: row.status_page_url,
  };
}
