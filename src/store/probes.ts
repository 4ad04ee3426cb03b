// Probes and suspected outages in the store (docs/contract.md#probes): each probe's latest
// result and raw results (7 days), hourly roll-ups (a year), and the vendors' suspicions with
// their events. A suspicion opens and ends in the same transaction as its event, so a vendor is
// announced suspected once per episode however many workers decide at once.
import { sql, type Kysely } from 'kysely';
import type { VendorEvent } from '../domain/model.js';
import type { RoutedEvent } from '../domain/routing.js';
import { addSeconds } from '../domain/time.js';
import { chunk, flag, maxInListSize, storableTextOrNull, storedInstant, toJson } from './codec.js';
import { lockEventLog, recordEvents } from './commit-cycle.js';
import { newEventId } from './ids.js';
import type { Database } from './schema.js';

/** Raw results are kept this long; the vendor page's 24 h chart reads them. */
export const probeRawKeepSeconds = 7 * 86_400;
/** Hourly roll-ups are kept this long. */
export const probeHourlyKeepSeconds = 365 * 86_400;

export interface ProbeResultRow {
  vendorSlug: string;
  probe: string;
  url: string;
  at: string;
  ok: boolean;
  status: number | null;
  durationMs: number;
  error: string | null;
}

/** Stores one result: the raw row and the probe's latest state, together. */
export async function recordProbeResult(db: Kysely<Database>, row: ProbeResultRow): Promise<void> {
  const at = storedInstant(row.at);
  const error = storableTextOrNull(row.error);
  const durationMs = Math.max(0, Math.round(row.durationMs));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('probe_results')
      .values({
        vendor_slug: row.vendorSlug,
        probe: row.probe,
        at,
        ok: flag(row.ok),
        status: row.status,
        duration_ms: durationMs,
        error,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .insertInto('probe_state')
      .values({
        vendor_slug: row.vendorSlug,
        probe: row.probe,
        url: row.url,
        last_at: at,
        ok: flag(row.ok),
        status: row.status,
        duration_ms: durationMs,
        error,
        failing_since: row.ok ? null : at,
      })
      .onConflict((oc) =>
        oc.columns(['vendor_slug', 'probe']).doUpdateSet({
          url: row.url,
          last_at: at,
          ok: flag(row.ok),
          status: row.status,
          duration_ms: durationMs,
          error,
          // The streak's first failure keeps its instant.
          failing_since: row.ok ? null : sql<string>`coalesce(probe_state.failing_since, ${at})`,
        }),
      )
      .execute();
  });
}

export interface ProbeStateView {
  vendorSlug: string;
  probe: string;
  url: string;
  lastAt: string;
  ok: boolean;
  status: number | null;
  durationMs: number;
  error: string | null;
  failingSince: string | null;
}

/** Every probe's latest result (metrics), or one vendor's (its page). */
export async function listProbeStates(
  db: Kysely<Database>,
  vendorSlug?: string,
): Promise<ProbeStateView[]> {
  let query = db.selectFrom('probe_state').selectAll().orderBy('vendor_slug').orderBy('probe');
  if (vendorSlug !== undefined) query = query.where('vendor_slug', '=', vendorSlug);
  const rows = await query.execute();
  return rows.map((row) => ({
    vendorSlug: row.vendor_slug,
    probe: row.probe,
    url: row.url,
    lastAt: row.last_at,
    ok: row.ok === 1,
    status: row.status,
    durationMs: row.duration_ms,
    error: row.error,
    failingSince: row.failing_since,
  }));
}

export interface ProbePoint {
  probe: string;
  at: string;
  ok: boolean;
  durationMs: number;
}

/** One vendor's raw results since `since`, oldest first (the vendor page's 24 h chart). */
export async function listProbeResults(
  db: Kysely<Database>,
  vendorSlug: string,
  since: string,
): Promise<ProbePoint[]> {
  const rows = await db
    .selectFrom('probe_results')
    .select(['probe', 'at', 'ok', 'duration_ms'])
    .where('vendor_slug', '=', vendorSlug)
    .where('at', '>=', storedInstant(since))
    .orderBy('at')
    .execute();
  return rows.map((row) => ({
    probe: row.probe,
    at: row.at,
    ok: row.ok === 1,
    durationMs: row.duration_ms,
  }));
}

/** The start of the UTC hour `at` falls in, as a stored instant. */
export function hourOf(at: string): string {
  const ms = Date.parse(at);
  return new Date(ms - (ms % 3_600_000)).toISOString();
}

/**
 * Rolls the raw results of the hours in [fromHour, toHour) up into probe_hourly (count,
 * failures, latency p50 and max). Recomputes from the raw rows, so running it twice, or on two
 * workers, writes the same figures.
 */
export async function rollUpProbeHours(
  db: Kysely<Database>,
  fromHour: string,
  toHour: string,
): Promise<number> {
  const rows = await db
    .selectFrom('probe_results')
    .select(['vendor_slug', 'probe', 'at', 'ok', 'duration_ms'])
    .where('at', '>=', storedInstant(fromHour))
    .where('at', '<', storedInstant(toHour))
    .execute();
  const groups = new Map<
    string,
    { slug: string; probe: string; hour: string; ms: number[]; failures: number }
  >();
  for (const row of rows) {
    const hour = hourOf(row.at);
    const key = `${row.vendor_slug}\n${row.probe}\n${hour}`;
    let group = groups.get(key);
    if (!group) {
      group = { slug: row.vendor_slug, probe: row.probe, hour, ms: [], failures: 0 };
      groups.set(key, group);
    }
    group.ms.push(row.duration_ms);
    if (row.ok !== 1) group.failures += 1;
  }
  const values = [...groups.values()].map((group) => {
    const sorted = group.ms.sort((a, b) => a - b);
    return {
      vendor_slug: group.slug,
      probe: group.probe,
      hour: group.hour,
      count: sorted.length,
      failures: group.failures,
      // The lower median (nearest rank), a value that was measured.
      p50_ms: sorted[Math.ceil(sorted.length / 2) - 1]!,
      max_ms: sorted.at(-1)!,
    };
  });
  for (const batch of chunk(values, 1000)) {
    await db
      .insertInto('probe_hourly')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['vendor_slug', 'probe', 'hour']).doUpdateSet((eb) => ({
          count: eb.ref('excluded.count'),
          failures: eb.ref('excluded.failures'),
          p50_ms: eb.ref('excluded.p50_ms'),
          max_ms: eb.ref('excluded.max_ms'),
        })),
      )
      .execute();
  }
  return values.length;
}

/** The latest hour rolled up, or null before the first roll-up. */
export async function latestRolledHour(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('probe_hourly')
    .select((eb) => eb.fn.max('hour').as('hour'))
    .executeTakeFirst();
  return row?.hour ?? null;
}

export interface ProbeHour {
  probe: string;
  hour: string;
  count: number;
  failures: number;
  p50Ms: number;
  maxMs: number;
}

export async function listProbeHours(
  db: Kysely<Database>,
  vendorSlug: string,
  since: string,
): Promise<ProbeHour[]> {
  const rows = await db
    .selectFrom('probe_hourly')
    .selectAll()
    .where('vendor_slug', '=', vendorSlug)
    .where('hour', '>=', storedInstant(since))
    .orderBy('hour')
    .execute();
  return rows.map((row) => ({
    probe: row.probe,
    hour: row.hour,
    count: row.count,
    failures: row.failures,
    p50Ms: row.p50_ms,
    maxMs: row.max_ms,
  }));
}

export interface ProbePruneCounts {
  results: number;
  hours: number;
}

/**
 * Deletes raw results older than 7 days and roll-ups older than a year. Raw rows go probe by probe
 * along the primary key, so each delete reads only what it removes.
 */
export async function pruneProbeData(db: Kysely<Database>, now: string): Promise<ProbePruneCounts> {
  const rawBefore = addSeconds(storedInstant(now), -probeRawKeepSeconds);
  const hourlyBefore = addSeconds(storedInstant(now), -probeHourlyKeepSeconds);
  const probes = await db.selectFrom('probe_state').select(['vendor_slug', 'probe']).execute();
  let results = 0;
  for (const { vendor_slug, probe } of probes) {
    const deleted = await db
      .deleteFrom('probe_results')
      .where('vendor_slug', '=', vendor_slug)
      .where('probe', '=', probe)
      .where('at', '<', rawBefore)
      .executeTakeFirst();
    results += Number(deleted.numDeletedRows);
  }
  // A probe no longer configured keeps its state row until its raw results are gone.
  await db.deleteFrom('probe_state').where('last_at', '<', rawBefore).execute();
  const hours = await db
    .deleteFrom('probe_hourly')
    .where('hour', '<', hourlyBefore)
    .executeTakeFirst();
  return { results, hours: Number(hours.numDeletedRows) };
}

/** Whether the vendor's page shows an open incident (not a maintenance). */
export async function vendorHasOpenIncident(
  db: Kysely<Database>,
  vendorSlug: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('incidents')
    .select('id')
    .where('vendor_slug', '=', vendorSlug)
    .where('active', '=', 1)
    .where('kind', '=', 'incident')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface OpenSuspicion {
  id: string;
  vendorSlug: string;
  firstSignalAt: string;
  suspectedAt: string;
}

function openSuspicionQuery(db: Kysely<Database>) {
  return db
    .selectFrom('vendor_suspicions')
    .select(['id', 'vendor_slug', 'first_signal_at', 'suspected_at'])
    .where('ended_at', 'is', null);
}

function openSuspicionOf(row: {
  id: string;
  vendor_slug: string;
  first_signal_at: string;
  suspected_at: string;
}): OpenSuspicion {
  return {
    id: row.id,
    vendorSlug: row.vendor_slug,
    firstSignalAt: row.first_signal_at,
    suspectedAt: row.suspected_at,
  };
}

/** Every open suspicion (the probe runner's start; the dashboard). */
export async function listOpenSuspicions(db: Kysely<Database>): Promise<OpenSuspicion[]> {
  const rows = await openSuspicionQuery(db).orderBy('vendor_slug').execute();
  return rows.map(openSuspicionOf);
}

/** The vendors with an open suspicion (the dashboard's, a board's and the API's marks). */
export async function listSuspectedVendors(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await openSuspicionQuery(db).execute();
  return new Set(rows.map((row) => row.vendor_slug));
}

/**
 * The vendor's open suspicion, or null: one indexed lookup, cheap enough for a scheduler to ask
 * on every round (fast polling while a vendor is suspected).
 */
export async function findOpenSuspicion(
  db: Kysely<Database>,
  vendorSlug: string,
): Promise<OpenSuspicion | null> {
  const row = await openSuspicionQuery(db).where('vendor_slug', '=', vendorSlug).executeTakeFirst();
  return row ? openSuspicionOf(row) : null;
}

export async function isVendorSuspected(
  db: Kysely<Database>,
  vendorSlug: string,
): Promise<boolean> {
  return (await findOpenSuspicion(db, vendorSlug)) !== null;
}

export interface NewSuspicion {
  vendorSlug: string;
  firstSignalAt: string;
  suspectedAt: string;
  probes: readonly string[];
  error: string | null;
}

/**
 * Opens a suspicion and records its vendor.suspected event, in one transaction. Records nothing
 * (and returns []) when the vendor already has an open suspicion or an open incident by then.
 */
export async function openSuspicion(
  db: Kysely<Database>,
  suspicion: NewSuspicion,
  event: RoutedEvent,
): Promise<VendorEvent[]> {
  const at = storedInstant(suspicion.suspectedAt);
  return db.transaction().execute(async (trx) => {
    // The event-log lock also serializes this check against a poll's commit of a new incident.
    await lockEventLog(trx);
    if (await findOpenSuspicion(trx, suspicion.vendorSlug)) return [];
    if (await vendorHasOpenIncident(trx, suspicion.vendorSlug)) return [];
    await trx
      .insertInto('vendor_suspicions')
      .values({
        id: newEventId(Date.parse(at)).replace(/^evt_/, 'sus_'),
        vendor_slug: suspicion.vendorSlug,
        first_signal_at: storedInstant(suspicion.firstSignalAt),
        suspected_at: at,
        ended_at: null,
        outcome: 'open',
        incident_id: null,
        probes: toJson(suspicion.probes),
        error: storableTextOrNull(suspicion.error),
      })
      .execute();
    return recordEvents(trx, [event], at);
  });
}

/**
 * Ends the vendor's open suspicion as cleared (its probes pass) and records
 * vendor.suspicion_cleared; nothing when none is open (it was linked to an incident meanwhile).
 */
export async function clearSuspicion(
  db: Kysely<Database>,
  vendorSlug: string,
  now: string,
  event: RoutedEvent,
): Promise<VendorEvent[]> {
  const at = storedInstant(now);
  return db.transaction().execute(async (trx) => {
    await lockEventLog(trx);
    const ended = await trx
      .updateTable('vendor_suspicions')
      .set({ ended_at: at, outcome: 'cleared' })
      .where('vendor_slug', '=', vendorSlug)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (Number(ended.numUpdatedRows) === 0) return [];
    return recordEvents(trx, [event], at);
  });
}

/**
 * In a poll's commit: the vendor posted incidents while suspected, so the suspicion ends linked
 * to the first of them, which records the probes' first failure (firstSignalAt). Callers hold
 * the event-log lock (it orders this against openSuspicion).
 */
export async function linkSuspicion(
  trx: Kysely<Database>,
  vendorSlug: string,
  incidentIds: readonly string[],
  now: string,
): Promise<string | null> {
  if (incidentIds.length === 0) return null;
  const open = await findOpenSuspicion(trx, vendorSlug);
  if (!open) return null;
  const incidents = await trx
    .selectFrom('incidents')
    .select('id')
    .where('id', 'in', [...incidentIds].slice(0, maxInListSize))
    .where('kind', '=', 'incident')
    .orderBy('started_at')
    .orderBy('id')
    .execute();
  const incidentId = incidents[0]?.id;
  if (incidentId === undefined) return null;
  await trx
    .updateTable('vendor_suspicions')
    .set({ ended_at: storedInstant(now), outcome: 'linked', incident_id: incidentId })
    .where('id', '=', open.id)
    .execute();
  await trx
    .updateTable('incidents')
    // updated_at moves so the incident page's render cache sees the change.
    .set({
      first_signal_at: open.firstSignalAt,
      suspicion_id: open.id,
      updated_at: storedInstant(now),
    })
    .where('id', '=', incidentId)
    .execute();
  return incidentId;
}

export interface PostingLagRow {
  incidentId: string;
  firstSignalAt: string;
  /** The vendor's own time of its first update (vendor-claimed); null without updates. */
  firstPostAt: string | null;
}

/** The vendor's incidents linked to a suspicion, with the vendor's first post of each. */
export async function listPostingLags(
  db: Kysely<Database>,
  vendorSlug: string,
): Promise<PostingLagRow[]> {
  const rows = await db
    .selectFrom('incidents')
    .leftJoin('incident_updates', 'incident_updates.incident_id', 'incidents.id')
    .select(['incidents.id as id', 'incidents.first_signal_at as first_signal_at'])
    .select((eb) => eb.fn.min('incident_updates.posted_at').as('first_post_at'))
    .where('incidents.vendor_slug', '=', vendorSlug)
    .where('incidents.first_signal_at', 'is not', null)
    .groupBy(['incidents.id', 'incidents.first_signal_at'])
    .execute();
  return rows.map((row) => ({
    incidentId: row.id,
    firstSignalAt: row.first_signal_at!,
    firstPostAt: row.first_post_at ?? null,
  }));
}

/** The vendor's first post on one incident: its earliest update's own time; null without any. */
export async function findFirstPostAt(
  db: Kysely<Database>,
  incidentId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('incident_updates')
    .select((eb) => eb.fn.min('posted_at').as('first'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return row?.first ?? null;
}

/** Live workers, by id: the probe runner shares vendors among them (rendezvous hashing). */
export async function listLiveWorkerIds(
  db: Kysely<Database>,
  now: string,
  leaseSeconds: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('workers')
    .select('id')
    .where('gone_at', 'is', null)
    .where('heartbeat_at', '>', addSeconds(storedInstant(now), -leaseSeconds))
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}
