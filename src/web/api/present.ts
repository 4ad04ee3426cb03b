// Domain values → the JSON the API promises (docs/contract.md#http-api). Every field is copied by
// name, so a new store column never leaks into a response and the shapes stay as documented.
import type { Revision } from '../../domain/diff.js';
import type {
  Component,
  Incident,
  IncidentUpdate,
  IncidentWithUpdates,
  VendorEvent,
} from '../../domain/model.js';
import { failureReason } from '../../domain/failure-reason.js';
import type { IncidentFlag } from '../../domain/hygiene-flags.js';
import { incidentDurationSeconds, summarizeIncident } from '../../domain/summary.js';
import { incidentPostingLagSeconds } from '../../domain/suspicion.js';
import type { Category, ComponentStatus, Platform, VendorHealth } from '../../domain/vocabulary.js';

/** What the store reports for a vendor (the store's VendorSummary/VendorDetail carry more). */
interface VendorState {
  slug: string;
  name: string;
  platform: Platform;
  category: Category;
  statusPageUrl: string;
  status: ComponentStatus;
  health: VendorHealth;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  firstSuccessAt: string | null;
  failingSince: string | null;
  consecutiveFailures: number;
  error: string | null;
  paused: boolean;
  followedComponents: readonly string[] | null;
  /** Seconds between polls now: the active interval while an incident is open (api/vendors.ts). */
  effectiveIntervalSeconds: number;
  pushReceivedAt: string | null;
  pushPolledAt: string | null;
}

/** The vendor fields in the documented order, `activeIncidents` in its place, `error` if set. */
function presentVendorWith<Active>(vendor: VendorState, activeIncidents: Active) {
  return {
    slug: vendor.slug,
    name: vendor.name,
    platform: vendor.platform,
    category: vendor.category,
    statusPageUrl: vendor.statusPageUrl,
    status: vendor.status,
    activeIncidents,
    health: vendor.health,
    lastPolledAt: vendor.lastPolledAt,
    lastSuccessAt: vendor.lastSuccessAt,
    firstSuccessAt: vendor.firstSuccessAt,
    failingSince: vendor.failingSince,
    consecutiveFailures: vendor.consecutiveFailures,
    paused: vendor.paused,
    followedComponents: vendor.followedComponents === null ? null : [...vendor.followedComponents],
    effectiveInterval: vendor.effectiveIntervalSeconds,
    pushReceivedAt: vendor.pushReceivedAt,
    pushPolledAt: vendor.pushPolledAt,
    ...(vendor.error === null
      ? {}
      : { error: vendor.error, errorReason: failureReason(vendor.error) }),
  };
}

/** In the list, `activeIncidents` is a count. */
export function presentVendorSummary(vendor: VendorState & { activeIncidents: number }) {
  return presentVendorWith(vendor, vendor.activeIncidents);
}

/** On its own, a vendor carries its components and its active incidents themselves. */
export function presentVendorDetail(
  vendor: VendorState & {
    components: Component[];
    activeIncidents: Incident[];
    warnings: readonly string[];
  },
) {
  return {
    ...presentVendorWith(vendor, vendor.activeIncidents.map(presentIncident)),
    components: vendor.components.map(presentComponent),
    warnings: [...vendor.warnings],
  };
}

function presentComponent(component: Component) {
  return {
    id: component.id,
    name: component.name,
    group: component.group,
    status: component.status,
  };
}

export function presentIncident(incident: Incident) {
  return {
    id: incident.id,
    vendorSlug: incident.vendorSlug,
    sourceId: incident.sourceId,
    title: incident.title,
    kind: incident.kind,
    impact: incident.impact,
    phase: incident.phase,
    startedAt: incident.startedAt,
    resolvedAt: incident.resolvedAt,
    detectedAt: incident.detectedAt,
    backfilled: incident.backfilled,
    sourceUrl: incident.sourceUrl,
    components: incident.components,
    scheduledFor: incident.scheduledFor,
    scheduledUntil: incident.scheduledUntil,
    regions: incident.regions,
    firstSignalAt: incident.firstSignalAt ?? null,
  };
}

function presentUpdate(update: IncidentUpdate) {
  return {
    id: update.id,
    phase: update.phase,
    body: update.body,
    bodyText: update.bodyText,
    postedAt: update.postedAt,
    detectedAt: update.detectedAt,
    components: update.components,
  };
}

function presentRevision(revision: Revision) {
  return {
    updateId: revision.updateId,
    field: revision.field,
    from: revision.from,
    to: revision.to,
    seenAt: revision.seenAt,
  };
}

/** A hygiene flag episode with its evidence (docs/contract.md#hygiene-flags). */
function presentFlag(flag: IncidentFlag) {
  const { kind: _kind, ...evidence } = flag.evidence;
  return {
    kind: flag.kind,
    firstDetectedAt: flag.firstDetectedAt,
    clearedAt: flag.clearedAt,
    evidence,
  };
}

/** An incident of the /incidents list: its fields and its flags. */
export function presentListedIncident(incident: Incident, flags: readonly IncidentFlag[]) {
  return { ...presentIncident(incident), flags: flags.map(presentFlag) };
}

export function presentIncidentDetail(
  incident: IncidentWithUpdates,
  revisions: readonly Revision[],
  flags: readonly IncidentFlag[],
  vendorName: string,
  now: string,
) {
  return {
    ...presentListedIncident(incident, flags),
    updates: incident.updates.map(presentUpdate),
    revisions: revisions.map(presentRevision),
    durationSeconds: incidentDurationSeconds(incident, now),
    postingLagSeconds: incidentPostingLagSeconds(incident),
    summary: summarizeIncident(incident, vendorName, now),
  };
}

export function presentEvent(event: VendorEvent) {
  return {
    id: event.id,
    type: event.type,
    vendorSlug: event.vendorSlug,
    incidentId: event.incidentId,
    updateId: event.updateId,
    component: event.component,
    changes: event.changes,
    at: event.at,
  };
}
