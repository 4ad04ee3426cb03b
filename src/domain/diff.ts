// diff(previous, next, now): what to write and which events happened, decided purely.
// The store applies the plan in one transaction; the same snapshot twice plans nothing.
// Components, incidents and the timeline of events are diffed in the diff-*.ts beside this.
import { componentsDiffer, diffComponents } from './diff-components.js';
import { insertIncident, updateIncident, withdrawIncident } from './diff-incidents.js';
import { isClosed, openingEvents } from './diff-timeline.js';
import type { CyclePlan, PreviousState } from './plan.js';
import type { VendorSnapshot } from './snapshot.js';

export type {
  CyclePlan,
  IncidentWrite,
  KnownIncident,
  PlannedEvent,
  PreviousState,
  Revision,
} from './plan.js';

export function diffSnapshot(
  vendorSlug: string,
  previous: PreviousState | null,
  next: VendorSnapshot,
  now: string,
): CyclePlan {
  const firstPoll = previous === null;
  const plan: CyclePlan = { components: null, incidents: [], events: [] };

  const componentEvents = firstPoll
    ? []
    : diffComponents(vendorSlug, previous.components, next.components, now);
  if (
    firstPoll ||
    componentEvents.length > 0 ||
    componentsDiffer(previous.components, next.components)
  ) {
    plan.components = next.components;
  }
  plan.events.push(...componentEvents);

  const known = new Map(
    (previous?.incidents ?? []).map((incident) => [incident.sourceId, incident]),
  );
  const seen = new Set<string>();
  for (const observed of next.incidents) {
    seen.add(observed.sourceId);
    const before = known.get(observed.sourceId);
    if (!before) {
      plan.incidents.push(insertIncident(vendorSlug, observed, now, firstPoll));
      if (!firstPoll) plan.events.push(...openingEvents(vendorSlug, observed, now));
      continue;
    }
    const change = updateIncident(vendorSlug, before, observed, now);
    if (change) {
      plan.incidents.push(change.write);
      plan.events.push(...change.events);
    }
  }

  for (const before of previous?.incidents ?? []) {
    if (seen.has(before.sourceId) || isClosed(before.phase) || !next.listsAllOpen) continue;
    const withdrawn = withdrawIncident(vendorSlug, before, now);
    plan.incidents.push(withdrawn.write);
    plan.events.push(withdrawn.event);
  }
  return plan;
}
