// The simulator's in-memory model of one fake status page, modelled on Statuspage. Times are
// epoch milliseconds; each platform's sim-render.ts writes them in that platform's own style.
import type { Platform } from '../../domain/vocabulary.js';

export const componentStatuses = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type SimComponentStatus = (typeof componentStatuses)[number];

export const incidentStatuses = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'postmortem',
] as const;
export const maintenanceStatuses = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
type SimIncidentStatus = (typeof incidentStatuses)[number];
type SimMaintenanceStatus = (typeof maintenanceStatuses)[number];
export type SimStatus = SimIncidentStatus | SimMaintenanceStatus;

export const incidentImpacts = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export type SimImpact = (typeof incidentImpacts)[number];

/** Statuses after which an incident or maintenance is over (not in summary.json any more). */
export const closedStatuses: readonly SimStatus[] = ['resolved', 'postmortem', 'completed'];

export interface SimVendorIdentity {
  slug: string;
  /** Which product's format this vendor is served in; statuspage when absent. */
  platform?: Platform;
  name: string;
  /** Statuspage page id: 12 characters [a-z0-9]. */
  pageId: string;
  /** IANA zone; every time in the payloads is rendered with this zone's offset. */
  timeZone: string;
  /** page.url; null means "the address this vendor is served on". */
  url: string | null;
}

export interface SimComponent {
  id: string;
  name: string;
  status: SimComponentStatus;
  position: number;
  description: string | null;
  showcase: boolean;
  startDate: string | null;
  groupId: string | null;
  /** A group row: its status is the worst of its children, as on real pages. */
  isGroup: boolean;
  childIds: string[];
  createdAt: number;
  updatedAt: number;
}

export interface SimAffectedComponent {
  code: string;
  name: string;
  oldStatus: SimComponentStatus;
  newStatus: SimComponentStatus;
}

export interface SimUpdate {
  id: string;
  status: SimStatus;
  body: string;
  createdAt: number;
  updatedAt: number;
  displayAt: number;
  affectedComponents: SimAffectedComponent[] | null;
  deliverNotifications: boolean;
}

export interface SimIncident {
  kind: 'incident' | 'maintenance';
  id: string;
  name: string;
  status: SimStatus;
  impact: SimImpact;
  createdAt: number;
  updatedAt: number;
  startedAt: number;
  monitoringAt: number | null;
  resolvedAt: number | null;
  shortlink: string;
  componentIds: string[];
  /** Oldest first here; rendered newest first like Statuspage. */
  updates: SimUpdate[];
  scheduledFor: number | null;
  scheduledUntil: number | null;
}

export interface SimVendorState {
  components: SimComponent[];
  /** Newest first, at most `historyLimit`. */
  incidents: SimIncident[];
  /** Newest first, at most `historyLimit`. */
  maintenances: SimIncident[];
  /** page.updated_at */
  updatedAt: number;
  /** The vendor's own API (/api/health) answers 503: what probes see before the vendor posts. */
  apiDown?: boolean;
}

/** Statuspage lists only the 50 most recent incidents and maintenances. */
export const historyLimit = 50;

export const visibilityKinds = [
  'incident_appeared',
  'update_appeared',
  'phase_changed',
  'component_changed',
] as const;
type VisibilityKind = (typeof visibilityKinds)[number];

/** One change that became visible; visibleAt is when the new body started being served. */
export interface VisibilityRecord {
  vendorSlug: string;
  kind: VisibilityKind;
  incidentId?: string;
  updateId?: string;
  componentId?: string;
  /** The new incident/maintenance status or component status, when the change has one. */
  status?: string;
  visibleAt: number;
}
