// Reads for the evidence pages: every vendor's incidents of a report window with their updates;
// for SLA uptime, a vendor's incidents and maintenances that reach into
// a date range, whenever they started. Walks incidents_vendor_started from the range's end back;
// an incident that started before the range counts only while it had not yet been resolved.
import type { Kysely } from 'kysely';
import type { Incident, IncidentWithUpdates } from '../domain/model.js';
import { storableText } from './codec.js';
import { queryInstant } from './cursor.js';
import { incidentFromRow } from './incident-rows.js';
import { listUpdatesFor } from './page-reads.js';
import type { Database } from './schema.js';

/** More rows than any vendor posts in years; a flood is cut (and said to be), never read whole. */
export const maxRangeRows = 5000;

export interface RangeIncidents {
  incidents: Incident[];
  /** True when the range held more than `maxRangeRows` incidents and the oldest were left out. */
  truncated: boolean;
}

/** Incidents of `slug` open at some instant of [from, to), newest first. */
export async function listVendorRangeIncidents(
  db: Kysely<Database>,
  slug: string,
  from: string,
  to: string,
): Promise<RangeIncidents> {
  const rows = await rangeIncidentsQuery(db, slug, from, to).execute();
  const truncated = rows.length > maxRangeRows;
  return { incidents: rows.slice(0, maxRangeRows).map(incidentFromRow), truncated };
}

export function rangeIncidentsQuery(db: Kysely<Database>, slug: string, from: string, to: string) {
  const fromInstant = queryInstant('from', from);
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('vendor_slug', '=', storableText(slug))
    .where('started_at', '<', queryInstant('to', to))
    .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>', fromInstant)]))
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(maxRangeRows + 1);
}

/** Every vendor's incidents in a report window; more than any real fleet posts in 90 days. */
export const maxReportRows = 20_000;

/** Incidents of every vendor that started at or after `since`, with their updates (report cards). */
export async function listIncidentsSinceWithUpdates(
  db: Kysely<Database>,
  since: string,
): Promise<{ incidents: IncidentWithUpdates[]; truncated: boolean }> {
  const rows = await incidentsSinceQuery(db, since).execute();
  const truncated = rows.length > maxReportRows;
  const incidents = rows.slice(0, maxReportRows).map(incidentFromRow);
  const updates = await listUpdatesFor(
    db,
    incidents.map((item) => item.id),
  );
  return {
    incidents: incidents.map((item) => ({ ...item, updates: updates.get(item.id) ?? [] })),
    truncated,
  };
}

export function incidentsSinceQuery(db: Kysely<Database>, since: string) {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('started_at', '>=', queryInstant('since', since))
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(maxReportRows + 1);
}
