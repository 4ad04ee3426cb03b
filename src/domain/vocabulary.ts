// Closed vocabularies of the domain model (docs/contract.md#domain-model). Each array is the single
// source of its type.

export const componentStatuses = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
  'unknown',
] as const;
export type ComponentStatus = (typeof componentStatuses)[number];

export const incidentKinds = ['incident', 'maintenance'] as const;
export type IncidentKind = (typeof incidentKinds)[number];

export const impacts = ['notice', 'minor', 'major', 'critical', 'maintenance'] as const;
export type Impact = (typeof impacts)[number];

export const incidentPhases = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'postmortem',
] as const;

export const maintenancePhases = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;

export const phases = [...incidentPhases, ...maintenancePhases] as const;
export type Phase = (typeof phases)[number];

/** Phases after which an incident or maintenance is over. */
export const closedPhases: readonly Phase[] = ['resolved', 'postmortem', 'completed'];

/**
 * A registered platform id ('statuspage', 'rss', …). The adapter registry holds the one list and
 * its type guard; the domain imports nothing, so here it is a plain string.
 */
export type Platform = string;

/** A config vendor's platform before detection succeeds: no adapter has it, so polls detect first. */
export const undetectedPlatform: Platform = 'undetected';

export const eventTypes = [
  'incident.opened',
  'incident.updated',
  'incident.resolved',
  'incident.reopened',
  /** An open incident with no vendor update for longer than its stuckAfter (a hygiene flag). */
  'incident.stuck',
  'maintenance.scheduled',
  'maintenance.started',
  'maintenance.completed',
  'component.status_changed',
  'vendor.unreachable',
  'vendor.recovered',
  'outage.correlated',
  /** The vendor's own probes keep failing and its page shows no open incident (docs/contract.md#probes). */
  'vendor.suspected',
  /** The probes pass again and the vendor never posted: the suspicion ends without an incident. */
  'vendor.suspicion_cleared',
] as const;
export type EventType = (typeof eventTypes)[number];

export const vendorHealths = ['ok', 'failing', 'stale'] as const;
export type VendorHealth = (typeof vendorHealths)[number];

export const categories = [
  'cloud',
  'cdn-dns',
  'devtools',
  'payments',
  'communications',
  'identity',
  'observability',
  'ai',
  'databases',
  'productivity',
  'iot',
  'other',
] as const;
export type Category = (typeof categories)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
