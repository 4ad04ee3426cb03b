// Fast polling while it matters: a vendor that has an open incident, or that our probes suspect,
// is polled at its active interval until that ends. Pure decisions, nothing read here.
import type { PreviousState } from './diff.js';
import type { CyclePlan } from './plan.js';
import { closedPhases, type IncidentKind, type Phase } from './vocabulary.js';

export interface Activity {
  /** The vendor has an open incident (maintenance does not count). */
  hasOpenIncident: boolean;
  /** Our own probes suspect an outage the vendor has not posted. */
  suspected: boolean;
}

/** THE decision: is this vendor polled at its active interval right now? */
export function pollsFast(activity: Activity): boolean {
  return activity.hasOpenIncident || activity.suspected;
}

/** The interval a vendor is polled at: the active one while it is active, never slower than its own. */
export function effectiveIntervalSeconds(
  intervals: { intervalSeconds: number; activeIntervalSeconds: number },
  activity: Activity,
): number {
  return pollsFast(activity)
    ? Math.min(intervals.intervalSeconds, intervals.activeIntervalSeconds)
    : intervals.intervalSeconds;
}

/**
 * Whether the vendor has an open incident once this poll's plan is written. `before` is what the
 * store said when the poll was claimed; a plan without incident writes leaves it as it was.
 */
export function openIncidentAfter(
  before: boolean,
  previous: PreviousState | null,
  plan: Pick<CyclePlan, 'incidents'> | null,
): boolean {
  if (!plan || plan.incidents.length === 0) return before;
  // The previous state holds every open incident, so incidents it lacks are closed ones.
  const incidents = new Map<string, { kind: IncidentKind; phase: Phase }>();
  for (const known of previous?.incidents ?? []) {
    incidents.set(known.id, { kind: known.kind, phase: known.phase });
  }
  for (const write of plan.incidents) {
    if (write.action === 'insert') {
      incidents.set(write.incident.id, { kind: write.incident.kind, phase: write.incident.phase });
      continue;
    }
    const known = incidents.get(write.incidentId);
    if (known) {
      incidents.set(write.incidentId, {
        kind: write.fields.kind ?? known.kind,
        phase: write.fields.phase ?? known.phase,
      });
    }
  }
  for (const { kind, phase } of incidents.values()) {
    if (kind === 'incident' && !closedPhases.includes(phase)) return true;
  }
  return false;
}
