// Incident reads for the API, pages and feeds. Lists are keyset-paged on (started_at, id), the
// order of every incidents index, so no page ever sorts or scans history.
import type { Kysely } from 'kysely';
import type { Revision } from '../domain/diff.js';
import type { FlagKind } from '../domain/hygiene-flags.js';
import type { Incident, IncidentWithUpdates } from '../domain/model.js';
import type { Impact } from '../domain/vocabulary.js';
import { flag, storableText } from './codec.js';
import { clampLimit, decodeCursor, encodeCursor, queryInstant } from './cursor.js';
import { incidentFromRow, revisionFromRow, updateFromRow } from './incident-rows.js';
import { chooseSearchPlan, matchesSearch, type SearchPlan } from './incident-search.js';
import type { Database } from './schema.js';

export interface IncidentQuery {
  vendor?: string;
  /** true: open ones only; false: closed ones only. */
  active?: boolean;
  impact?: Impact;
  /** Started at or after this instant. */
  since?: string;
  /** Started before this instant. */
  until?: string;
  /**
   * Words to find: each must begin a word of the title, the vendor's name or slug, an affected
   * component or any update's text (case and accents ignored). Blank means no search.
   */
  q?: string;
  /** Only incidents this hygiene flag holds for now (not cleared). */
  flag?: FlagKind;
  limit?: number;
  cursor?: string | null;
}

interface IncidentPage {
  /** Newest first. */
  incidents: Incident[];
  nextCursor: string | null;
}

export async function listIncidents(
  db: Kysely<Database>,
  query: IncidentQuery,
): Promise<IncidentPage> {
  const limit = clampLimit(query.limit);
  const searchPlan = query.q?.trim() ? await chooseSearchPlan(db, query.q) : undefined;
  const rows = await incidentListQuery(db, query, limit + 1, searchPlan).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    incidents: page.map(incidentFromRow),
    nextCursor: rows.length > limit && last ? encodeCursor([last.started_at, last.id]) : null,
  };
}

/** The SQL of one page (exported so tests can EXPLAIN exactly what the API runs). */
export function incidentListQuery(
  db: Kysely<Database>,
  query: IncidentQuery,
  rowLimit: number,
  searchPlan: SearchPlan = 'along-the-list',
) {
  let select = db.selectFrom('incidents').selectAll();
  if (query.vendor !== undefined)
    select = select.where('vendor_slug', '=', storableText(query.vendor));
  if (query.active !== undefined) select = select.where('active', '=', flag(query.active));
  if (query.impact !== undefined) select = select.where('impact', '=', query.impact);
  if (query.since !== undefined) {
    select = select.where('started_at', '>=', queryInstant('since', query.since));
  }
  if (query.until !== undefined) {
    select = select.where('started_at', '<', queryInstant('until', query.until));
  }
  if (query.q?.trim()) select = select.where(matchesSearch(db, query.q, searchPlan));
  if (query.flag !== undefined) {
    const kind = query.flag;
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom('incident_flags')
          .select('incident_flags.seq')
          .whereRef('incident_flags.incident_id', '=', 'incidents.id')
          .where('incident_flags.kind', '=', kind)
          .where('incident_flags.cleared_at', 'is', null),
      ),
    );
  }
  if (query.cursor) {
    const [startedAt, id] = decodeCursor(query.cursor, ['string', 'string']);
    select = select.where((eb) =>
      eb(eb.refTuple('started_at', 'id'), '<', eb.tuple(startedAt, id)),
    );
  }
  return select.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(rowLimit);
}

/** The incident with its updates oldest first; null for an unknown id. */
export async function getIncident(
  db: Kysely<Database>,
  id: string,
): Promise<IncidentWithUpdates | null> {
  id = storableText(id);
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const updates = await db
    .selectFrom('incident_updates')
    .selectAll()
    .where('incident_id', '=', id)
    .orderBy('posted_at')
    .orderBy('id')
    .execute();
  return { ...incidentFromRow(row), updates: updates.map(updateFromRow) };
}

/** Every edit the vendor made to the incident after vendorwatch first saw it, oldest first. */
export async function listRevisions(db: Kysely<Database>, incidentId: string): Promise<Revision[]> {
  const rows = await db
    .selectFrom('revisions')
    .selectAll()
    .where('incident_id', '=', storableText(incidentId))
    .orderBy('seq')
    .execute();
  return rows.map(revisionFromRow);
}
