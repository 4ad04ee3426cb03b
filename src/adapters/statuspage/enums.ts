// Statuspage's enums mapped into the domain vocabulary through tables
// (docs/platforms.md#common-rules). A value not in a table yields null; the caller picks the
// fallback and records a warning.
import type { ComponentStatus, Impact, IncidentKind, Phase } from '../../domain/vocabulary.js';
import { lookup } from '../parse-kit/lenient.js';

const componentStatusTable: Readonly<Record<string, ComponentStatus>> = {
  operational: 'operational',
  degraded_performance: 'degraded_performance',
  partial_outage: 'partial_outage',
  major_outage: 'major_outage',
  under_maintenance: 'under_maintenance',
};

const impactTable: Readonly<Record<string, Impact>> = {
  none: 'notice',
  minor: 'minor',
  major: 'major',
  critical: 'critical',
  maintenance: 'maintenance',
};

/** Incident statuses, plus maintenance statuses seen on an incident's update (cross-posting). */
const incidentPhaseTable: Readonly<Record<string, Phase>> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  postmortem: 'postmortem',
  scheduled: 'investigating',
  in_progress: 'investigating',
  verifying: 'monitoring',
  completed: 'resolved',
};

/** Maintenance statuses, plus incident statuses for a maintenance posted as an incident. */
const maintenancePhaseTable: Readonly<Record<string, Phase>> = {
  scheduled: 'scheduled',
  in_progress: 'in_progress',
  verifying: 'verifying',
  completed: 'completed',
  investigating: 'in_progress',
  identified: 'in_progress',
  monitoring: 'in_progress',
  resolved: 'completed',
  postmortem: 'completed',
};

/** Statuses only a maintenance has: an item carrying one is a maintenance wherever it is listed. */
export const maintenanceOnlyStatuses: readonly string[] = [
  'scheduled',
  'in_progress',
  'verifying',
  'completed',
];

export const closedStatuses: readonly string[] = ['resolved', 'postmortem', 'completed'];

export function mapComponentStatus(value: unknown): ComponentStatus | null {
  return lookup(componentStatusTable, asKey(value)) ?? null;
}

export function mapImpact(value: unknown): Impact | null {
  return lookup(impactTable, asKey(value)) ?? null;
}

export function mapPhase(kind: IncidentKind, value: unknown): Phase | null {
  const table = kind === 'maintenance' ? maintenancePhaseTable : incidentPhaseTable;
  return lookup(table, asKey(value)) ?? null;
}

/** Enum values are matched exactly as sent: only strings can be one. */
function asKey(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
