// The flags a poll's commit decides, in its transaction, for the incidents its plan touched: all
// but the time-made ones (stuck, postmortem missing), which only the sweep raises and a commit
// may clear; backdated items are judged here, where the poll knows its previous read.
import type { Kysely } from 'kysely';
import type { CyclePlan } from '../domain/diff.js';
import { reconcileFlags, type FlagScope } from '../domain/flag-reconcile.js';
import {
  backdatedItems,
  detectFlags,
  timeFlagKinds,
  type FlagEvidence,
  type FlagSettings,
} from '../domain/hygiene-flags.js';
import { applyFlagWrites, loadFlaggedHistories } from './incident-flags.js';
import type { Database } from './schema.js';

export interface CycleFlagContext {
  settings: FlagSettings;
  /** The vendor's last successful poll before this one; null on its first. */
  previousReadAt: string | null;
  intervalSeconds: number;
}

const commitScope: FlagScope = {
  raises: (kind) => !timeFlagKinds.includes(kind),
  clears: () => true,
};

/** What this plan showed for the first time: new updates, and starts claimed or moved earlier. */
function firstSeen(plan: Pick<CyclePlan, 'incidents'>) {
  const seen = new Map<
    string,
    { updates: Array<{ id: string; postedAt: string }>; start: string | null }
  >();
  for (const write of plan.incidents) {
    if (write.action === 'insert') {
      if (write.incident.backfilled) continue;
      seen.set(write.incident.id, { updates: write.updates, start: write.incident.startedAt });
      continue;
    }
    const moved = write.revisions.find(
      (r) =>
        r.field === 'startedAt' &&
        r.from !== null &&
        r.to !== null &&
        Date.parse(r.to) < Date.parse(r.from),
    );
    seen.set(write.incidentId, { updates: write.newUpdates, start: moved?.to ?? null });
  }
  return seen;
}

export async function refreshCycleFlags(
  trx: Kysely<Database>,
  plan: Pick<CyclePlan, 'incidents'>,
  context: CycleFlagContext,
  now: string,
): Promise<void> {
  const ids = plan.incidents.map((write) =>
    write.action === 'insert' ? write.incident.id : write.incidentId,
  );
  if (ids.length === 0) return;
  const seen = firstSeen(plan);
  const sighting = {
    seenAt: now,
    previousReadAt: context.previousReadAt,
    intervalSeconds: context.intervalSeconds,
  };
  for (const history of await loadFlaggedHistories(trx, ids)) {
    const found: FlagEvidence[] = detectFlags(history, context.settings, now);
    const news = seen.get(history.incident.id);
    if (news && history.incident.kind === 'incident') {
      const items = backdatedItems(news.updates, news.start, sighting);
      if (items.length > 0) found.push({ kind: 'backdated', items });
    }
    const writes = reconcileFlags(history.held, found, commitScope);
    if (writes.length > 0) await applyFlagWrites(trx, history.incident, writes, now);
  }
}
