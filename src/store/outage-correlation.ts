// Grouping at commit: inside the transaction that wrote a cycle's incidents, the incidents around
// them are read, the pure rule (domain/correlation.ts) decides, and new outages, new members and
// the outage.correlated event are written with the rest. Callers serialize it (the event-log lock
// on PostgreSQL; SQLite has one writer), so two workers never group the same incidents twice.
import type { Kysely } from 'kysely';
import {
  correlate,
  type CorrelationDecision,
  type CorrelationIncident,
  type Dependency,
  type KnownOutage,
  type MemberDecision,
} from '../domain/correlation.js';
import type { RoutedDelivery } from '../domain/delivery.js';
import type { CyclePlan, PlannedEvent } from '../domain/diff.js';
import { outageCorrelatedEvent, outageTitle, upstreamDisplayName } from '../domain/outage.js';
import type { RoutedEvent } from '../domain/routing.js';
import { addSeconds } from '../domain/time.js';
import { chunk, maxInListSize, toJson } from './codec.js';
import { listUpdatesFor } from './page-reads.js';
import type { Database } from './schema.js';

export interface CorrelationSettings {
  /** Incidents starting this close to each other may be one outage (with evidence). */
  windowSeconds: number;
  /** A vendor's declared upstreams (config, else catalog). */
  dependsOn: (vendorSlug: string) => readonly Dependency[];
  /** The deliveries of an outage event; `vendors` are its member vendors. */
  route: (event: PlannedEvent, vendors: readonly string[]) => readonly RoutedDelivery[];
}

/** Past this many incidents around one cycle's, the rest are left out (a flood, not an outage). */
const maxNeighbours = 2000;

/** The incident ids a cycle's plan wrote: each may start or join an outage. */
export function writtenIncidentIds(plan: Pick<CyclePlan, 'incidents'>): string[] {
  return plan.incidents.map((write) =>
    write.action === 'insert' ? write.incident.id : write.incidentId,
  );
}

/**
 * Groups what the cycle wrote with what is stored, writes the outcome and returns the events to
 * record (one per new outage that is not history alone), routed.
 */
export async function correlateWritten(
  trx: Kysely<Database>,
  incidentIds: readonly string[],
  settings: CorrelationSettings,
  now: string,
): Promise<RoutedEvent[]> {
  const subjects = await readSubjects(trx, incidentIds);
  if (subjects.length === 0) return [];
  const starts = subjects.map((row) => row.started_at).sort();
  const from = addSeconds(starts[0]!, -settings.windowSeconds);
  const to = addSeconds(starts.at(-1)!, settings.windowSeconds);
  const neighbours = await trx
    .selectFrom('incidents')
    .select(['id', 'vendor_slug', 'title', 'started_at', 'backfilled', 'regions'])
    .where('kind', '=', 'incident')
    .where('started_at', '>=', from)
    .where('started_at', '<=', to)
    .orderBy('started_at')
    .orderBy('id')
    .limit(maxNeighbours)
    .execute();
  const rows = [...new Map([...subjects, ...neighbours].map((row) => [row.id, row])).values()];
  const updates = await listUpdatesFor(
    trx,
    rows.map((row) => row.id),
  );
  const incidents: CorrelationIncident[] = rows.map((row) => ({
    id: row.id,
    vendorSlug: row.vendor_slug,
    startedAt: row.started_at,
    backfilled: row.backfilled === 1,
    regions: JSON.parse(row.regions) as string[],
    text: [row.title, ...(updates.get(row.id) ?? []).map((update) => update.bodyText)].join('\n'),
  }));
  const outages = await readOutagesOf(
    trx,
    rows.map((row) => row.id),
  );
  const decisions = correlate({
    incidents,
    outages,
    dependsOn: settings.dependsOn,
    windowSeconds: settings.windowSeconds,
  });
  const events: RoutedEvent[] = [];
  for (const decision of decisions) {
    const event = await applyDecision(trx, decision, incidents, now);
    if (event) events.push({ event, deliveries: settings.route(event, vendorsOf(decision)) });
  }
  return events;
}

interface SubjectRow {
  id: string;
  vendor_slug: string;
  title: string;
  started_at: string;
  backfilled: number;
  regions: string;
}

/** History found at a vendor's first poll and already over is not grouped: it is old news. */
async function readSubjects(
  trx: Kysely<Database>,
  incidentIds: readonly string[],
): Promise<SubjectRow[]> {
  const found: SubjectRow[] = [];
  for (const ids of chunk([...incidentIds], maxInListSize)) {
    if (ids.length === 0) continue;
    found.push(
      ...(await trx
        .selectFrom('incidents')
        .select(['id', 'vendor_slug', 'title', 'started_at', 'backfilled', 'regions'])
        .where('id', 'in', ids)
        .where('kind', '=', 'incident')
        .where((eb) => eb.or([eb('backfilled', '=', 0), eb('active', '=', 1)]))
        .execute()),
    );
  }
  return found;
}

async function readOutagesOf(
  trx: Kysely<Database>,
  incidentIds: readonly string[],
): Promise<KnownOutage[]> {
  const outageIds = new Set<string>();
  for (const ids of chunk([...incidentIds], maxInListSize)) {
    if (ids.length === 0) continue;
    const rows = await trx
      .selectFrom('outage_members')
      .select('outage_id')
      .where('incident_id', 'in', ids)
      .execute();
    for (const row of rows) outageIds.add(row.outage_id);
  }
  if (outageIds.size === 0) return [];
  const ids = [...outageIds];
  const outages = await trx.selectFrom('outages').selectAll().where('id', 'in', ids).execute();
  const members = await trx
    .selectFrom('outage_members')
    .innerJoin('incidents', 'incidents.id', 'outage_members.incident_id')
    .select([
      'outage_members.outage_id',
      'outage_members.incident_id',
      'outage_members.vendor_slug',
      'incidents.started_at',
    ])
    .where('outage_members.outage_id', 'in', ids)
    .execute();
  return outages
    .sort((a, b) => a.started_at.localeCompare(b.started_at) || a.id.localeCompare(b.id))
    .map((outage) => ({
      id: outage.id,
      upstream: outage.upstream,
      region: outage.region,
      members: members
        .filter((member) => member.outage_id === outage.id)
        .map((member) => ({
          incidentId: member.incident_id,
          vendorSlug: member.vendor_slug,
          startedAt: member.started_at,
        })),
    }));
}

function vendorsOf(decision: CorrelationDecision): string[] {
  return [...new Set(decision.members.map((member) => member.vendorSlug))];
}

async function applyDecision(
  trx: Kysely<Database>,
  decision: CorrelationDecision,
  incidents: readonly CorrelationIncident[],
  now: string,
): Promise<PlannedEvent | null> {
  const startOf = (id: string): string => incidents.find((i) => i.id === id)?.startedAt ?? now;
  const earliest = decision.members.map((m) => startOf(m.incidentId)).sort()[0] ?? now;
  if (decision.action === 'join') {
    const outage = await trx
      .selectFrom('outages')
      .select('started_at')
      .where('id', '=', decision.outageId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('outages')
      .set({
        region: decision.region,
        started_at: earliest < outage.started_at ? earliest : outage.started_at,
        updated_at: now,
      })
      .where('id', '=', decision.outageId)
      .execute();
    await insertMembers(trx, decision.outageId, decision.members, now);
    return null;
  }
  // The first member's incident id is unique to this outage (an incident is in one outage only).
  const id = `o-${decision.members[0]!.incidentId}`;
  await trx
    .insertInto('outages')
    .values({
      id,
      upstream: decision.upstream,
      region: decision.region,
      started_at: earliest,
      detected_at: now,
      updated_at: now,
    })
    .execute();
  await insertMembers(trx, id, decision.members, now);
  if (!decision.announce) return null;
  const slugs = vendorsOf(decision);
  const names = await trx
    .selectFrom('vendors')
    .select(['slug', 'name'])
    .where('slug', 'in', [...slugs, decision.upstream])
    .execute();
  const nameOf = (slug: string): string => names.find((row) => row.slug === slug)?.name ?? slug;
  const watchedUpstream = names.find((row) => row.slug === decision.upstream)?.name ?? null;
  const upstreamName = upstreamDisplayName(decision.upstream, watchedUpstream);
  const upstreamMember = decision.members.find((member) => member.role === 'upstream');
  return outageCorrelatedEvent(
    {
      id,
      title: outageTitle(upstreamName, decision.region, slugs.length),
      upstream: decision.upstream,
      upstreamName,
      region: decision.region,
      vendors: slugs.map((slug) => ({ slug, name: nameOf(slug) })),
      incidents: decision.members.map((member) => member.incidentId),
    },
    upstreamMember?.vendorSlug ?? decision.members[0]!.vendorSlug,
    now,
  );
}

async function insertMembers(
  trx: Kysely<Database>,
  outageId: string,
  members: readonly MemberDecision[],
  now: string,
): Promise<void> {
  await trx
    .insertInto('outage_members')
    .values(
      members.map((member) => ({
        outage_id: outageId,
        incident_id: member.incidentId,
        vendor_slug: member.vendorSlug,
        role: member.role,
        evidence: toJson(member.evidence),
        near_incident_id: member.nearIncidentId,
        gap_seconds: member.gapSeconds === null ? null : Math.round(member.gapSeconds),
        joined_at: now,
      })),
    )
    .execute();
}
