// Followed components: the components of a vendor a team cares about (docs/contract.md#followed-
// components). They decide what the dashboard counts as affected and what a notification target
// without its own `components` filter for the vendor hears. Null follows every component. Pure.
import { vendorStatus } from './status.js';
import type { ComponentStatus, Impact } from './vocabulary.js';

/** Component names compare as the router's filters do: trimmed, case-insensitive. */
function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Whether something touching `components` concerns a vendor followed as `followed`: always when
 * every component is followed (null), and when the thing names no component (an incident that
 * does not say which components it touches still concerns the whole vendor, so it still counts
 * and notifies); else when it names at least one followed component.
 */
export function touchesFollowed(
  followed: readonly string[] | null,
  components: readonly string[] | null,
): boolean {
  if (followed === null || components === null || components.length === 0) return true;
  return components.some((name) => followed.some((wanted) => sameName(name, wanted)));
}

/** Whether one component is followed (every one is when `followed` is null). */
export function isFollowed(followed: readonly string[] | null, component: string): boolean {
  return followed === null || followed.some((wanted) => sameName(component, wanted));
}

export interface StatusFacts {
  components: readonly { name: string; status: ComponentStatus }[];
  openIncidents: readonly { impact: Impact; components: readonly string[] }[];
}

/**
 * The vendor's status over what it follows: the statuses of its followed components and the
 * impacts of open incidents that touch a followed component (or name none). With everything
 * followed this is the vendor's own status (domain/status.ts vendorStatus).
 */
export function followedStatus(
  followed: readonly string[] | null,
  facts: StatusFacts,
): ComponentStatus {
  return vendorStatus(
    facts.components
      .filter((component) => isFollowed(followed, component.name))
      .map((component) => component.status),
    facts.openIncidents
      .filter((incident) => touchesFollowed(followed, incident.components))
      .map((incident) => incident.impact),
  );
}

/** Counted as affected on the dashboard: something it follows is not operational. */
export function isAffected(status: ComponentStatus): boolean {
  return status !== 'operational' && status !== 'unknown';
}

/**
 * The followed list to store from what a user picked among the components a page listed: null
 * (follow all, including components the vendor adds later) when they picked every one of them,
 * else the picked names deduplicated in the page's order.
 */
export function followedFromPicks(
  listed: readonly string[],
  picked: readonly string[],
): string[] | null {
  const kept = listed.filter(
    (name, index) =>
      picked.some((wanted) => sameName(name, wanted)) &&
      listed.findIndex((other) => sameName(other, name)) === index,
  );
  const distinct = listed.filter(
    (name, index) => listed.findIndex((other) => sameName(other, name)) === index,
  );
  return kept.length === distinct.length ? null : kept;
}
