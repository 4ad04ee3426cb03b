// One pass of the hygiene flag sweep, run by the process that polls: flags that time alone makes
// true (stuck, postmortem missing) never come with a poll that changed anything. Decided purely,
// routed like a poll's events, recorded in one commit; a second pass over the same facts records
// nothing, so each stuck episode yields one incident.stuck.
import type { Kysely } from 'kysely';
import type { PlannedEvent } from '../domain/diff.js';
import { reconcileFlags, type FlagScope } from '../domain/flag-reconcile.js';
import { detectFlags, timeFlagKinds, type FlagSettings } from '../domain/hygiene-flags.js';
import type { VendorEvent } from '../domain/model.js';
import { routeCycle, type CycleFacts, type RouteEvent } from '../domain/routing.js';
import {
  commitFlagSweep,
  loadFollowedComponents,
  loadNotifiedTargets,
  loadSweepHistories,
  type FlaggedHistory,
  type SweepDecision,
} from '../store/index.js';
import type { Database } from '../store/schema.js';

export interface FlagSweepDeps {
  db: Kysely<Database>;
  now: () => Date;
  routeEvent: RouteEvent;
  flagSettingsFor: (vendorSlug: string) => FlagSettings;
  /** The longest postmortemAfter of any vendor: how far back resolved incidents are looked at. */
  postmortemAfterSeconds: number;
  onEvents?: (events: VendorEvent[]) => void;
}

const sweepScope: FlagScope = {
  raises: (kind) => timeFlagKinds.includes(kind),
  clears: (kind) => timeFlagKinds.includes(kind),
};

/** Runs one sweep; returns the events it recorded. */
export async function sweepFlags(deps: FlagSweepDeps): Promise<VendorEvent[]> {
  const now = deps.now().toISOString();
  const histories = await loadSweepHistories(deps.db, now, deps.postmortemAfterSeconds);
  const decided = histories.flatMap((history) => {
    const settings = deps.flagSettingsFor(history.incident.vendorSlug);
    const found = detectFlags(history, settings, now);
    const writes = reconcileFlags(history.held, found, sweepScope);
    if (writes.length === 0) return [];
    const stuck = writes.find((write) => write.action === 'raise' && write.kind === 'stuck');
    const event =
      stuck && stuck.action === 'raise' && stuck.evidence.kind === 'stuck'
        ? stuckEvent(history, stuck.evidence.lastUpdateAt, stuck.evidence.stuckAfterSeconds, now)
        : null;
    return [{ history, writes, event }];
  });
  if (decided.length === 0) return [];
  const planned = decided.flatMap(({ event }) => (event ? [event] : []));
  const followed =
    planned.length === 0
      ? new Map<string, string[]>()
      : await loadFollowedComponents(
          deps.db,
          planned.map((event) => event.vendorSlug),
        );
  const routed =
    planned.length === 0
      ? []
      : routeCycle(
          planned,
          factsOf(histories),
          await loadNotifiedTargets(deps.db, planned),
          deps.routeEvent,
          (vendorSlug) => followed.get(vendorSlug) ?? null,
        );
  const routedByIncident = new Map(routed.map((entry) => [entry.event.incidentId, entry]));
  const decisions: SweepDecision[] = decided.map(({ history, writes, event }) => ({
    incident: history.incident,
    writes,
    stuckEvent: event ? (routedByIncident.get(history.incident.id) ?? null) : null,
  }));
  const events = await commitFlagSweep(deps.db, decisions, now);
  if (events.length > 0) deps.onEvents?.(events);
  return events;
}

function stuckEvent(
  history: FlaggedHistory,
  lastUpdateAt: string,
  stuckAfterSeconds: number,
  now: string,
): PlannedEvent {
  return {
    type: 'incident.stuck',
    vendorSlug: history.incident.vendorSlug,
    incidentId: history.incident.id,
    updateId: null,
    component: null,
    changes: {
      lastUpdateAt: { from: null, to: lastUpdateAt },
      stuckAfterSeconds: { from: null, to: stuckAfterSeconds },
    },
    at: now,
  };
}

function factsOf(histories: readonly FlaggedHistory[]): CycleFacts {
  const byId = new Map(histories.map((history) => [history.incident.id, history.incident]));
  return {
    incident(incidentId) {
      const incident = byId.get(incidentId);
      if (!incident) return null;
      const { kind, impact, phase, components, scheduledFor } = incident;
      return { kind, impact, phase, components, scheduledFor };
    },
    updateComponents: () => null,
  };
}
