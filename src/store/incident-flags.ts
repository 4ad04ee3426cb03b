// Hygiene flag rows: what the pages and the API read, the histories the flags are decided from,
// and the writes that carry out a reconcileFlags decision inside the caller's transaction.
import type { Kysely } from 'kysely';
import type { FlagWrite } from '../domain/flag-reconcile.js';
import {
  flagKinds,
  type FlagEvidence,
  type FlagKind,
  type IncidentFlag,
  type IncidentHistory,
} from '../domain/hygiene-flags.js';
import { isOneOf } from '../domain/vocabulary.js';
import { chunk, fromJson, maxInListSize, storableText, storedInstant, toJson } from './codec.js';
import { incidentFromRow, revisionFromRow, updateFromRow } from './incident-rows.js';
import type { Database, IncidentFlagTable } from './schema.js';

type FlagRow = Pick<
  IncidentFlagTable,
  'incident_id' | 'kind' | 'evidence' | 'first_detected_at' | 'cleared_at'
>;

function flagFromRow(row: FlagRow): IncidentFlag | null {
  // A kind a later version wrote and this one does not know is left out, not misread.
  if (!isOneOf(flagKinds, row.kind)) return null;
  return {
    kind: row.kind,
    evidence: fromJson<FlagEvidence>(row.evidence),
    firstDetectedAt: row.first_detected_at,
    clearedAt: row.cleared_at,
  };
}

/** Every flag episode of these incidents, oldest first, by incident id. */
export async function listIncidentFlags(
  db: Kysely<Database>,
  incidentIds: readonly string[],
): Promise<Map<string, IncidentFlag[]>> {
  const byIncident = new Map<string, IncidentFlag[]>();
  for (const ids of chunk([...new Set(incidentIds.map(storableText))], maxInListSize)) {
    const rows = await db
      .selectFrom('incident_flags')
      .select(['incident_id', 'kind', 'evidence', 'first_detected_at', 'cleared_at'])
      .where('incident_id', 'in', ids)
      .orderBy('incident_id')
      .orderBy('seq')
      .execute();
    for (const row of rows) {
      const flag = flagFromRow(row);
      if (!flag) continue;
      const list = byIncident.get(row.incident_id);
      if (list) list.push(flag);
      else byIncident.set(row.incident_id, [flag]);
    }
  }
  return byIncident;
}

/** The flag kinds each incident started since `since` ever carried (the report card's counts). */
export async function listFlagKindsSince(
  db: Kysely<Database>,
  since: string,
): Promise<Map<string, FlagKind[]>> {
  const rows = await db
    .selectFrom('incident_flags')
    .innerJoin('incidents', 'incidents.id', 'incident_flags.incident_id')
    .select(['incident_flags.incident_id', 'incident_flags.kind'])
    .where('incidents.started_at', '>=', storedInstant(since))
    .distinct()
    .execute();
  const byIncident = new Map<string, FlagKind[]>();
  for (const row of rows) {
    if (!isOneOf(flagKinds, row.kind)) continue;
    byIncident.set(row.incident_id, [...(byIncident.get(row.incident_id) ?? []), row.kind]);
  }
  return byIncident;
}

export interface FlaggedHistory extends IncidentHistory {
  /** The incident's flags that hold (not cleared). */
  held: IncidentFlag[];
}

/** What the flags of these incidents are decided from, as the store holds it now. */
export async function loadFlaggedHistories(
  db: Kysely<Database>,
  incidentIds: readonly string[],
): Promise<FlaggedHistory[]> {
  const histories: FlaggedHistory[] = [];
  for (const ids of chunk([...new Set(incidentIds)], maxInListSize)) {
    // One after another: inside a transaction they share one connection anyway.
    const incidents = await db.selectFrom('incidents').selectAll().where('id', 'in', ids).execute();
    const updates = await db
      .selectFrom('incident_updates')
      .selectAll()
      .where('incident_id', 'in', ids)
      .orderBy('incident_id')
      .orderBy('posted_at')
      .orderBy('id')
      .execute();
    const revisions = await db
      .selectFrom('revisions')
      .selectAll()
      .where('incident_id', 'in', ids)
      .orderBy('seq')
      .execute();
    const held = await db
      .selectFrom('incident_flags')
      .select(['incident_id', 'kind', 'evidence', 'first_detected_at', 'cleared_at'])
      .where('incident_id', 'in', ids)
      .where('cleared_at', 'is', null)
      .execute();
    const group = <T extends { incident_id: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const row of rows) map.set(row.incident_id, [...(map.get(row.incident_id) ?? []), row]);
      return map;
    };
    const updatesOf = group(updates);
    const revisionsOf = group(revisions);
    const heldOf = group(held);
    for (const row of incidents) {
      histories.push({
        incident: {
          ...incidentFromRow(row),
          updates: (updatesOf.get(row.id) ?? []).map(updateFromRow),
        },
        revisions: (revisionsOf.get(row.id) ?? []).map(revisionFromRow),
        held: (heldOf.get(row.id) ?? [])
          .map(flagFromRow)
          .filter((f): f is IncidentFlag => f !== null),
      });
    }
  }
  return histories;
}

/**
 * Carries out one incident's flag writes; returns the kinds it raised. A raise that finds the
 * flag already holding (another worker raised it first) writes nothing and is not returned.
 */
export async function applyFlagWrites(
  trx: Kysely<Database>,
  incident: { id: string; vendorSlug: string },
  writes: readonly FlagWrite[],
  now: string,
): Promise<FlagKind[]> {
  const raised: FlagKind[] = [];
  if (writes.length === 0) return raised;
  // Pages are cached by the incident row's updated_at: a flag change is a change of the incident.
  await trx
    .updateTable('incidents')
    .set({ updated_at: now })
    .where('id', '=', incident.id)
    .execute();
  for (const write of writes) {
    const holding = trx
      .updateTable('incident_flags')
      .where('incident_id', '=', incident.id)
      .where('kind', '=', write.kind)
      .where('cleared_at', 'is', null);
    if (write.action === 'clear') {
      await holding.set({ cleared_at: now }).execute();
    } else if (write.action === 'revise') {
      await holding.set({ evidence: toJson(write.evidence) }).execute();
    } else {
      const inserted = await trx
        .insertInto('incident_flags')
        .values({
          incident_id: incident.id,
          vendor_slug: incident.vendorSlug,
          kind: write.kind,
          evidence: toJson(write.evidence),
          first_detected_at: now,
          cleared_at: null,
        })
        .onConflict((oc) =>
          oc.columns(['incident_id', 'kind']).where('cleared_at', 'is', null).doNothing(),
        )
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) raised.push(write.kind);
    }
  }
  return raised;
}
