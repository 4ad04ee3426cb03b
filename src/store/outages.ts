// Reads of correlated outages for the API, the outage page and the dashboard banner: each with
// its members' incidents, their vendors' names and the evidence that grouped them.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Evidence } from '../domain/correlation.js';
import {
  outageResolvedAt,
  outageTitle,
  upstreamDisplayName,
  sharedTimeline,
  type Outage,
  type OutageMember,
  type OutageTimelineEntry,
} from '../domain/outage.js';
import { chunk, flag, fromJson, maxInListSize } from './codec.js';
import { clampLimit, decodeCursor, encodeCursor } from './cursor.js';
import { incidentFromRow } from './incident-rows.js';
import { listUpdatesFor } from './page-reads.js';
import type { Database, OutageTable } from './schema.js';

export interface OutageQuery {
  /** true: only outages with a member still open; false: only those over. */
  active?: boolean;
  limit?: number;
  cursor?: string;
}

interface OutagePage {
  /** Latest start first. */
  outages: Outage[];
  nextCursor: string | null;
}

export async function listOutages(db: Kysely<Database>, query: OutageQuery): Promise<OutagePage> {
  const limit = clampLimit(query.limit);
  let select = db.selectFrom('outages').selectAll();
  if (query.active !== undefined) {
    // An outage is open while any member incident is.
    select = select.where((eb) => {
      const openMember = eb.exists(
        eb
          .selectFrom('outage_members')
          .innerJoin('incidents', 'incidents.id', 'outage_members.incident_id')
          .select(sql<number>`1`.as('one'))
          .whereRef('outage_members.outage_id', '=', 'outages.id')
          .where('incidents.active', '=', flag(true)),
      );
      return query.active ? openMember : eb.not(openMember);
    });
  }
  if (query.cursor) {
    const [startedAt, id] = decodeCursor(query.cursor, ['string', 'string']);
    select = select.where((eb) =>
      eb(eb.refTuple('started_at', 'id'), '<', eb.tuple(startedAt, id)),
    );
  }
  const rows = await select
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    outages: await withMembers(db, page),
    nextCursor: rows.length > limit && last ? encodeCursor([last.started_at, last.id]) : null,
  };
}

/** The outage with every member; null for an unknown id. */
export async function getOutage(db: Kysely<Database>, id: string): Promise<Outage | null> {
  const row = await db.selectFrom('outages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [outage] = await withMembers(db, [row]);
  return outage ?? null;
}

/** Every member's updates on one line of time, oldest first. */
export async function getOutageTimeline(
  db: Kysely<Database>,
  outage: Outage,
): Promise<OutageTimelineEntry[]> {
  const updates = await listUpdatesFor(
    db,
    outage.members.map((member) => member.incident.id),
  );
  return sharedTimeline(outage.members, updates);
}

/** Outages with a member still open, for the dashboard banner (latest start first). */
export async function listOpenOutages(db: Kysely<Database>): Promise<Outage[]> {
  return (await listOutages(db, { active: true, limit: 20 })).outages;
}

/** The outage an incident belongs to, if any (the incident page links to it). */
export async function findOutageOfIncident(
  db: Kysely<Database>,
  incidentId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('outage_members')
    .select('outage_id')
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return row?.outage_id ?? null;
}

async function withMembers(
  db: Kysely<Database>,
  outages: ReadonlyArray<Selectable<OutageTable>>,
): Promise<Outage[]> {
  if (outages.length === 0) return [];
  const members: Awaited<ReturnType<typeof memberRows>> = [];
  for (const ids of chunk(
    outages.map((outage) => outage.id),
    maxInListSize,
  )) {
    members.push(...(await memberRows(db, ids)));
  }
  const upstreams = await db
    .selectFrom('vendors')
    .select(['slug', 'name'])
    .where('slug', 'in', [...new Set(outages.map((outage) => outage.upstream))])
    .execute();
  return outages.map((outage) => {
    const own: OutageMember[] = members
      .filter((row) => row.outage_id === outage.id)
      .map((row) => ({
        incident: incidentFromRow(row),
        vendorName: row.vendor_name,
        role: row.role === 'upstream' ? 'upstream' : 'dependent',
        evidence: fromJson<Evidence[]>(row.evidence),
        nearIncidentId: row.near_incident_id,
        gapSeconds: row.gap_seconds,
        joinedAt: row.joined_at,
      }));
    const vendors = [
      ...new Map(own.map((m) => [m.incident.vendorSlug, m.vendorName])).entries(),
    ].map(([slug, name]) => ({ slug, name }));
    const watched = upstreams.find((row) => row.slug === outage.upstream)?.name ?? null;
    const upstreamName = upstreamDisplayName(outage.upstream, watched);
    return {
      id: outage.id,
      title: outageTitle(upstreamName, outage.region, vendors.length),
      upstream: outage.upstream,
      upstreamName,
      region: outage.region,
      startedAt: outage.started_at,
      resolvedAt: outageResolvedAt(own),
      detectedAt: outage.detected_at,
      vendors,
      members: own,
    };
  });
}

function memberRows(db: Kysely<Database>, outageIds: readonly string[]) {
  return db
    .selectFrom('outage_members')
    .innerJoin('incidents', 'incidents.id', 'outage_members.incident_id')
    .innerJoin('vendors', 'vendors.slug', 'outage_members.vendor_slug')
    .selectAll('incidents')
    .select([
      'outage_members.outage_id',
      'outage_members.role',
      'outage_members.evidence',
      'outage_members.near_incident_id',
      'outage_members.gap_seconds',
      'outage_members.joined_at',
      'vendors.name as vendor_name',
    ])
    .where('outage_members.outage_id', 'in', outageIds)
    .orderBy('incidents.started_at')
    .orderBy('incidents.id')
    .execute();
}
