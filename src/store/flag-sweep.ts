// The periodic sweep's reads and its one write: which incidents time alone may have flagged
// (every open incident; resolved ones whose postmortem just fell due), and the flags it raised or
// cleared recorded together with their events, so a stuck episode is announced exactly once.
import type { Kysely } from 'kysely';
import type { FlagWrite } from '../domain/flag-reconcile.js';
import type { VendorEvent } from '../domain/model.js';
import type { RoutedEvent } from '../domain/routing.js';
import { addSeconds } from '../domain/time.js';
import { lockEventLog, recordEvents } from './commit-cycle.js';
import { storedInstant } from './codec.js';
import { applyFlagWrites, loadFlaggedHistories, type FlaggedHistory } from './incident-flags.js';
import type { Database } from './schema.js';

/** A resolved incident stays a postmortem candidate this long after its postmortem fell due. */
const postmortemGraceSeconds = 3 * 86_400;

/** Incidents whose time-made flags may have changed by `now`, with what they are decided from. */
export async function loadSweepHistories(
  db: Kysely<Database>,
  now: string,
  postmortemAfterSeconds: number,
): Promise<FlaggedHistory[]> {
  const dueBefore = addSeconds(storedInstant(now), -postmortemAfterSeconds);
  const dueSince = addSeconds(dueBefore, -postmortemGraceSeconds);
  const open = await db
    .selectFrom('incidents')
    .select('id')
    .where('active', '=', 1)
    .where('kind', '=', 'incident')
    .execute();
  const postmortemDue = await db
    .selectFrom('incidents')
    .select('id')
    .where('kind', '=', 'incident')
    .where('resolved_at', '>=', dueSince)
    .where('resolved_at', '<', dueBefore)
    .execute();
  const ids = [...open, ...postmortemDue].map((row) => row.id);
  return ids.length === 0 ? [] : loadFlaggedHistories(db, ids);
}

export interface SweepDecision {
  incident: { id: string; vendorSlug: string };
  writes: readonly FlagWrite[];
  /** The incident.stuck event to record, routed, if this decision raises the stuck flag. */
  stuckEvent: RoutedEvent | null;
}

/**
 * Writes the sweep's decisions in one transaction and returns the events recorded. A stuck flag
 * another worker raised first is not raised again, and its event is not recorded.
 */
export async function commitFlagSweep(
  db: Kysely<Database>,
  decisions: readonly SweepDecision[],
  now: string,
): Promise<VendorEvent[]> {
  if (decisions.length === 0) return [];
  const at = storedInstant(now);
  return db.transaction().execute(async (trx) => {
    const events: RoutedEvent[] = [];
    for (const decision of decisions) {
      const raised = await applyFlagWrites(trx, decision.incident, decision.writes, at);
      if (decision.stuckEvent && raised.includes('stuck')) events.push(decision.stuckEvent);
    }
    if (events.length === 0) return [];
    await lockEventLog(trx);
    return recordEvents(trx, events, at);
  });
}
