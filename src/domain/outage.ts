// A correlated outage as the pages, the API and the notification read it, and the event that
// announces one. Pure: built from stored rows by the store, shown by the web.
import type { Evidence } from './correlation.js';
import type { Incident, IncidentUpdate } from './model.js';
import type { PlannedEvent } from './plan.js';
import { providerName } from './upstream-mentions.js';

export interface OutageMember {
  incident: Incident;
  vendorName: string;
  role: 'upstream' | 'dependent';
  evidence: Evidence[];
  /** The member it joined within the window; null for the first. */
  nearIncidentId: string | null;
  gapSeconds: number | null;
  joinedAt: string;
}

export interface Outage {
  id: string;
  title: string;
  /** The likely upstream: a watched vendor's or a known provider's slug. */
  upstream: string;
  upstreamName: string;
  region: string | null;
  /** The earliest member's start. */
  startedAt: string;
  /** The last member's resolution once every member is resolved; null while any is open. */
  resolvedAt: string | null;
  detectedAt: string;
  vendors: Array<{ slug: string; name: string }>;
  /** Oldest start first. */
  members: OutageMember[];
}

/** `AWS` for a known provider, else the watched vendor's name, else the slug. */
export function upstreamDisplayName(upstream: string, watchedName: string | null): string {
  return watchedName ?? providerName(upstream) ?? upstream;
}

/** "AWS us-east-1: outage across 4 vendors". */
export function outageTitle(
  upstreamName: string,
  region: string | null,
  vendorCount: number,
): string {
  const where = region ? `${upstreamName} ${region}` : upstreamName;
  return `${where}: outage across ${vendorCount} vendor${vendorCount === 1 ? '' : 's'}`;
}

/** Resolved when every member is: then at the last member's resolution. */
export function outageResolvedAt(members: ReadonlyArray<{ incident: Incident }>): string | null {
  let last: string | null = null;
  for (const { incident } of members) {
    if (incident.resolvedAt === null) return null;
    if (last === null || incident.resolvedAt > last) last = incident.resolvedAt;
  }
  return last;
}

/** What `outage.correlated` carries in `changes.outage.to`. */
export interface OutageEventFacts {
  id: string;
  title: string;
  upstream: string;
  upstreamName: string;
  region: string | null;
  vendors: Array<{ slug: string; name: string }>;
  incidents: string[];
}

/**
 * The one event of a new outage. It is filed under the upstream's vendor when the upstream is
 * watched and has a member incident, else under the earliest member's vendor.
 */
export function outageCorrelatedEvent(
  facts: OutageEventFacts,
  filedUnder: string,
  at: string,
): PlannedEvent {
  return {
    type: 'outage.correlated',
    vendorSlug: filedUnder,
    incidentId: null,
    updateId: null,
    component: null,
    changes: { outage: { from: null, to: facts } },
    at,
  };
}

/** The facts of an outage event, read back leniently (a stored event is outside data). */
export function outageFactsOf(changes: PlannedEvent['changes']): OutageEventFacts | null {
  const value = changes.outage?.to;
  if (typeof value !== 'object' || value === null) return null;
  const facts = value as Partial<OutageEventFacts>;
  if (typeof facts.id !== 'string' || typeof facts.title !== 'string') return null;
  return {
    id: facts.id,
    title: facts.title,
    upstream: typeof facts.upstream === 'string' ? facts.upstream : '',
    upstreamName: typeof facts.upstreamName === 'string' ? facts.upstreamName : '',
    region: typeof facts.region === 'string' ? facts.region : null,
    vendors: Array.isArray(facts.vendors)
      ? facts.vendors.filter(
          (v): v is { slug: string; name: string } =>
            typeof v === 'object' &&
            v !== null &&
            typeof v.slug === 'string' &&
            typeof v.name === 'string',
        )
      : [],
    incidents: Array.isArray(facts.incidents)
      ? facts.incidents.filter((id): id is string => typeof id === 'string')
      : [],
  };
}

/** One entry of an outage's shared timeline: a member's update, with whose it is. */
export interface OutageTimelineEntry {
  at: string;
  vendorSlug: string;
  vendorName: string;
  incidentId: string;
  incidentTitle: string;
  phase: IncidentUpdate['phase'];
  text: string;
}

/** Every member's updates on one line of time, oldest first (ties by vendor, then update id). */
export function sharedTimeline(
  members: readonly OutageMember[],
  updates: ReadonlyMap<string, readonly IncidentUpdate[]>,
): OutageTimelineEntry[] {
  return members
    .flatMap(({ incident, vendorName }) =>
      (updates.get(incident.id) ?? []).map((update) => ({
        at: update.postedAt,
        vendorSlug: incident.vendorSlug,
        vendorName,
        incidentId: incident.id,
        incidentTitle: incident.title,
        phase: update.phase,
        text: update.bodyText,
        updateId: update.id,
      })),
    )
    .sort(
      (a, b) =>
        a.at.localeCompare(b.at) ||
        a.vendorSlug.localeCompare(b.vendorSlug) ||
        a.updateId.localeCompare(b.updateId),
    )
    .map(({ updateId: _updateId, ...entry }) => entry);
}
