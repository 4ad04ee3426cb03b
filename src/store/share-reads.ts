// Reads for the outputs other tools consume: a vendor's page as Statuspage's API lists it (the
// latest incidents and maintenances, every open one, with updates) and the maintenance calendar
// (windows with how often the vendor edited each). Each walks an index of (kind, started_at).
import type { Kysely } from 'kysely';
import type { Incident, IncidentWithUpdates } from '../domain/model.js';
import type { IncidentKind } from '../domain/vocabulary.js';
import { chunk, maxInListSize, storableText } from './codec.js';
import { queryInstant } from './cursor.js';
import { incidentFromRow } from './incident-rows.js';
import { listUpdatesFor, openIncidentsQuery } from './page-reads.js';
import type { Database } from './schema.js';

/** A vendor's latest incidents of one kind, newest first (Statuspage lists 50 of each). */
export function latestOfKindQuery(
  db: Kysely<Database>,
  slug: string,
  kind: IncidentKind,
  limit: number,
) {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('vendor_slug', '=', storableText(slug))
    .where('kind', '=', kind)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
}

export interface VendorPageItems {
  /** The latest `limit` incidents plus every open one, newest first, with updates. */
  incidents: IncidentWithUpdates[];
  /** The same for maintenances. */
  maintenances: IncidentWithUpdates[];
  /** When vendorwatch last wrote any of them, their updates or revisions; null for none. */
  lastWrite: string | null;
}

/**
 * What a Statuspage-shaped copy of one vendor's page lists: every open item, plus the latest
 * `latest.incident` incidents and `latest.maintenance` maintenances (0: none beyond the open ones).
 */
export async function listVendorPageItems(
  db: Kysely<Database>,
  slug: string,
  latest: Readonly<Record<IncidentKind, number>>,
): Promise<VendorPageItems> {
  const latestOf = async (kind: IncidentKind) =>
    latest[kind] > 0 ? latestOfKindQuery(db, slug, kind, latest[kind]).execute() : [];
  const [incidentRows, maintenanceRows, openRows] = await Promise.all([
    latestOf('incident'),
    latestOf('maintenance'),
    openIncidentsQuery(db, slug).execute(),
  ]);
  const byId = new Map<string, Incident>();
  let lastWrite: string | null = null;
  for (const row of [...incidentRows, ...maintenanceRows, ...openRows]) {
    byId.set(row.id, incidentFromRow(row));
    if (lastWrite === null || row.updated_at > lastWrite) lastWrite = row.updated_at;
  }
  const updates = await listUpdatesFor(db, [...byId.keys()]);
  const all = [...byId.values()]
    .map((incident) => ({ ...incident, updates: updates.get(incident.id) ?? [] }))
    .sort(newestFirst);
  return {
    incidents: all.filter((item) => item.kind === 'incident'),
    maintenances: all.filter((item) => item.kind === 'maintenance'),
    lastWrite,
  };
}

/** The page's own name as the vendor's last parsed poll read it; null when it gave none. */
export async function findPageName(db: Kysely<Database>, slug: string): Promise<string | null> {
  const row = await db
    .selectFrom('vendor_state')
    .select('page_name')
    .where('slug', '=', storableText(slug))
    .executeTakeFirst();
  return row?.page_name ?? null;
}

export interface CalendarWindow {
  maintenance: Incident;
  /** Vendor edits kept for it (reschedules, renames, withdrawal, edited updates). */
  revisionCount: number;
  /** When vendorwatch last changed its row. */
  updatedAt: string;
}

/** More windows than any calendar needs; a flood is cut, never read whole. */
export const maxCalendarWindows = 2000;

/**
 * Maintenances (of one vendor, or of all) that started at or after `since`, plus every one still
 * open, newest first, with their revision counts.
 */
export async function listCalendarWindows(
  db: Kysely<Database>,
  query: { vendor?: string; since: string },
): Promise<CalendarWindow[]> {
  const [recent, open] = await Promise.all([
    calendarWindowsQuery(db, query).execute(),
    openMaintenancesQuery(db, query.vendor).execute(),
  ]);
  const rows = new Map(recent.map((row) => [row.id, row]));
  for (const row of open) rows.set(row.id, row);
  const ordered = [...rows.values()]
    .sort((a, b) => compareDesc(a.started_at, b.started_at) || compareDesc(a.id, b.id))
    .slice(0, maxCalendarWindows);
  const counts = await countRevisions(
    db,
    ordered.map((row) => row.id),
  );
  return ordered.map((row) => ({
    maintenance: incidentFromRow(row),
    revisionCount: counts.get(row.id) ?? 0,
    updatedAt: row.updated_at,
  }));
}

export function calendarWindowsQuery(
  db: Kysely<Database>,
  query: { vendor?: string; since: string },
) {
  let select = db.selectFrom('incidents').selectAll().where('kind', '=', 'maintenance');
  if (query.vendor !== undefined) {
    select = select.where('vendor_slug', '=', storableText(query.vendor));
  }
  return select
    .where('started_at', '>=', queryInstant('since', query.since))
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(maxCalendarWindows);
}

function openMaintenancesQuery(db: Kysely<Database>, vendor: string | undefined) {
  let select = db
    .selectFrom('incidents')
    .selectAll()
    .where('active', '=', 1)
    .where('kind', '=', 'maintenance');
  if (vendor !== undefined) select = select.where('vendor_slug', '=', storableText(vendor));
  return select.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(maxCalendarWindows);
}

async function countRevisions(
  db: Kysely<Database>,
  incidentIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const ids of chunk(incidentIds, maxInListSize)) {
    if (ids.length === 0) continue;
    const rows = await db
      .selectFrom('revisions')
      .select('incident_id')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('incident_id', 'in', ids)
      .groupBy('incident_id')
      .execute();
    for (const row of rows) counts.set(row.incident_id, Number(row.n));
  }
  return counts;
}

function newestFirst(a: Incident, b: Incident): number {
  return compareDesc(a.startedAt, b.startedAt) || compareDesc(a.id, b.id);
}

function compareDesc(a: string, b: string): number {
  return a === b ? 0 : a < b ? 1 : -1;
}

/** When vendorwatch last wrote each of a vendor's components, by component id. */
export async function listComponentWrites(
  db: Kysely<Database>,
  slug: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('components')
    .select(['id', 'updated_at'])
    .where('vendor_slug', '=', storableText(slug))
    .execute();
  return new Map(rows.map((row) => [row.id, row.updated_at]));
}
