// Routing a cycle's events before they are recorded: each event, with what is known of its
// incident, goes through the router, and the deliveries it picks are written with the event.
// Pure: the store reads who was told before, the poll cycle calls this, the store writes rows.
import type { RoutedDelivery } from './delivery.js';
import type { PlannedEvent } from './plan.js';
import type { Impact, IncidentKind, Phase } from './vocabulary.js';

/** The incident an event is about, as it stands once the cycle's plan is applied. */
export interface IncidentFacts {
  kind: IncidentKind;
  impact: Impact;
  phase: Phase;
  components: string[];
  scheduledFor: string | null;
}

/** What the router knows of an event besides the event. */
export interface RoutingContext {
  /** The incident or maintenance the event is about, after this cycle; null for other events. */
  incident: IncidentFacts | null;
  /** Components the event's own update says it touched; null when the platform does not say. */
  updateComponents: string[] | null;
  /** Targets that already have a delivery about this incident (earlier cycles or this one). */
  notifiedTargets: readonly string[];
  /** An outage's member vendors: a target filtered to any of them wants the outage event. */
  vendors?: readonly string[];
  /**
   * The components the event's vendor follows (absent or null: all). A target without its own
   * `components` filter for the vendor hears only of what touches them (followed-components.ts).
   */
  followedComponents?: readonly string[] | null;
}

/** The router as the poll cycle calls it: target names, or deliveries with a kind. */
export type RouteEvent = (
  event: PlannedEvent,
  context: RoutingContext,
) => readonly (string | RoutedDelivery)[];

/** An event to record with the outbox rows routing chose for it. */
export interface RoutedEvent {
  event: PlannedEvent;
  deliveries: readonly RoutedDelivery[];
}

/** What is known of a cycle's incidents once its plan is applied (see cycleFacts). */
export interface CycleFacts {
  incident(incidentId: string): IncidentFacts | null;
  /** The components an update names; null when it names none or is unknown. */
  updateComponents(incidentId: string, updateId: string): string[] | null;
}

/**
 * Routes events in recording order. `notified`: per incident, the targets earlier cycles sent an
 * event about it to; targets routed here are added as the walk goes, so a closing event later in
 * the same cycle follows them past their filters.
 */
export function routeCycle(
  events: readonly PlannedEvent[],
  facts: CycleFacts,
  notified: ReadonlyMap<string, readonly string[]>,
  route: RouteEvent,
  /** The followed components of the events' vendor, or per vendor (a sweep spans vendors). */
  followed: readonly string[] | null | ((vendorSlug: string) => readonly string[] | null) = null,
): RoutedEvent[] {
  const told = new Map<string, Set<string>>();
  return events.map((event) => {
    const followedComponents =
      typeof followed === 'function' ? followed(event.vendorSlug) : followed;
    const context: RoutingContext = {
      ...contextOf(event, facts, notified, told),
      ...(followedComponents === null ? {} : { followedComponents }),
    };
    const routed = new Map<string, RoutedDelivery>();
    for (const entry of route(event, context)) {
      const delivery =
        typeof entry === 'string' ? { target: entry, kind: 'event' as const } : entry;
      routed.set(`${delivery.kind}\n${delivery.target}`, delivery);
    }
    const deliveries = [...routed.values()];
    if (event.incidentId !== null) {
      const known = told.get(event.incidentId)!;
      for (const { target, kind } of deliveries) if (kind === 'event') known.add(target);
    }
    return { event, deliveries };
  });
}

function contextOf(
  event: PlannedEvent,
  facts: CycleFacts,
  notified: ReadonlyMap<string, readonly string[]>,
  told: Map<string, Set<string>>,
): RoutingContext {
  const { incidentId, updateId } = event;
  if (incidentId === null) return { incident: null, updateComponents: null, notifiedTargets: [] };
  let known = told.get(incidentId);
  if (!known) {
    known = new Set(notified.get(incidentId) ?? []);
    told.set(incidentId, known);
  }
  return {
    incident: facts.incident(incidentId),
    updateComponents: updateId === null ? null : facts.updateComponents(incidentId, updateId),
    notifiedTargets: [...known],
  };
}
