// incident.io vocabularies (docs/platforms.md#incidentio). The compat JSON speaks Statuspage's
// words; the proxy JSON says `full_outage` and names maintenance phases `maintenance_*`.
import type { ComponentStatus, Impact, Phase } from '../../domain/vocabulary.js';
import { lookup } from '../parse-kit/lenient.js';

const componentStatuses: Readonly<Record<string, ComponentStatus>> = {
  operational: 'operational',
  degraded_performance: 'degraded_performance',
  partial_outage: 'partial_outage',
  major_outage: 'major_outage',
  full_outage: 'major_outage',
  under_maintenance: 'under_maintenance',
};

const impacts: Readonly<Record<string, Impact>> = {
  none: 'notice',
  minor: 'minor',
  major: 'major',
  critical: 'critical',
  maintenance: 'maintenance',
  // Proxy "worst impact" values are component statuses.
  operational: 'notice',
  degraded_performance: 'minor',
  partial_outage: 'major',
  full_outage: 'critical',
  major_outage: 'critical',
  under_maintenance: 'maintenance',
};

const incidentPhases: Readonly<Record<string, Phase>> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  postmortem: 'postmortem',
};

const maintenancePhases: Readonly<Record<string, Phase>> = {
  scheduled: 'scheduled',
  in_progress: 'in_progress',
  verifying: 'verifying',
  completed: 'completed',
  maintenance_scheduled: 'scheduled',
  maintenance_in_progress: 'in_progress',
  maintenance_complete: 'completed',
  maintenance_completed: 'completed',
};

const asText = (value: unknown): string | null => (typeof value === 'string' ? value.trim() : null);

export function componentStatusOf(value: unknown): ComponentStatus | null {
  return lookup(componentStatuses, asText(value)) ?? null;
}

export function impactOf(value: unknown): Impact | null {
  return lookup(impacts, asText(value)) ?? null;
}

/** The phase a status names, and whether it is a maintenance status; null when unknown. */
export function phaseOf(value: unknown): { phase: Phase; maintenance: boolean } | null {
  const text = asText(value);
  const incident = lookup(incidentPhases, text);
  if (incident) return { phase: incident, maintenance: false };
  const maintenance = lookup(maintenancePhases, text);
  return maintenance ? { phase: maintenance, maintenance: true } : null;
}
