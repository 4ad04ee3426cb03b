// The event half of an incident's diff: which event each new update makes, typed by the phase
// change it brings (opened, resolved, reopened, maintenance started or completed, updated).
import { incidentId } from './ids.js';
import type { PlannedEvent } from './plan.js';
import type { ObservedIncident } from './snapshot.js';
import { closedPhases, type EventType, type Phase } from './vocabulary.js';

export function isClosed(phase: Phase): boolean {
  return closedPhases.includes(phase);
}

export function incidentEvent(
  type: EventType,
  vendorSlug: string,
  observed: { sourceId: string },
  updateId: string | null,
  changes: PlannedEvent['changes'],
  now: string,
): PlannedEvent {
  return {
    type,
    vendorSlug,
    incidentId: incidentId(vendorSlug, observed.sourceId),
    updateId,
    component: null,
    changes,
    at: now,
  };
}

export function openingEvents(
  vendorSlug: string,
  observed: ObservedIncident,
  now: string,
): PlannedEvent[] {
  return timelineEvents(
    vendorSlug,
    observed,
    null,
    observed.updates.map((u) => u.sourceId),
    now,
    {
      phase: { from: null, to: observed.phase },
    },
  );
}

/**
 * One event per new update, typed by the phase change that update made (the first update of a new
 * incident opens it). When the incident's own phase moved further than its updates say, the last
 * event carries that transition. Field changes ride on the last event.
 */
export function timelineEvents(
  vendorSlug: string,
  observed: ObservedIncident,
  previousPhase: Phase | null,
  newUpdateIds: readonly string[],
  now: string,
  changes: PlannedEvent['changes'],
): PlannedEvent[] {
  const phaseOf = new Map(observed.updates.map((update) => [update.sourceId, update.phase]));
  const events: PlannedEvent[] = [];
  let phase = previousPhase;
  for (const updateId of newUpdateIds) {
    const next = phaseOf.get(updateId) ?? phase ?? observed.phase;
    const type = eventTypeFor(observed.kind, phase, next);
    events.push(incidentEvent(type, vendorSlug, observed, updateId, {}, now));
    phase = next;
  }
  const finalType = eventTypeFor(observed.kind, phase, observed.phase);
  const last = events.at(-1);
  if (last && finalType !== 'incident.updated' && last.type === 'incident.updated') {
    last.type = finalType;
  } else if (!last || (finalType !== 'incident.updated' && finalType !== last.type)) {
    events.push(incidentEvent(finalType, vendorSlug, observed, null, {}, now));
  }
  Object.assign(events.at(-1)!.changes, changes);
  return events;
}

/** The event a move from one phase to the next makes; null is "not seen before". */
function eventTypeFor(kind: ObservedIncident['kind'], from: Phase | null, to: Phase): EventType {
  if (from === null) {
    if (kind === 'incident') return 'incident.opened';
    return to === 'scheduled' ? 'maintenance.scheduled' : 'maintenance.started';
  }
  return transitionType(kind, from, to);
}

function transitionType(kind: ObservedIncident['kind'], from: Phase, to: Phase): EventType {
  if (!isClosed(from) && isClosed(to))
    return kind === 'maintenance' ? 'maintenance.completed' : 'incident.resolved';
  if (isClosed(from) && !isClosed(to))
    return kind === 'maintenance' ? 'maintenance.started' : 'incident.reopened';
  if (kind === 'maintenance' && from === 'scheduled' && to !== 'scheduled')
    return 'maintenance.started';
  return 'incident.updated';
}
