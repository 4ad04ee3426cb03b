// Instatus vocabularies (docs/platforms.md#instatus): upper-case, no `critical`, MINOROUTAGE beside
// PARTIALOUTAGE, and NOTSTARTEDYET/INPROGRESS/COMPLETED for maintenance.
import type { ComponentStatus, Impact, Phase } from '../../domain/vocabulary.js';
import { lookup } from '../parse-kit/lenient.js';

const componentStatuses: Readonly<Record<string, ComponentStatus>> = {
  OPERATIONAL: 'operational',
  UNDERMAINTENANCE: 'under_maintenance',
  DEGRADEDPERFORMANCE: 'degraded_performance',
  PARTIALOUTAGE: 'partial_outage',
  MINOROUTAGE: 'partial_outage',
  MAJOROUTAGE: 'major_outage',
};

const impacts: Readonly<Record<string, Impact>> = {
  OPERATIONAL: 'notice',
  DEGRADEDPERFORMANCE: 'minor',
  PARTIALOUTAGE: 'major',
  MINOROUTAGE: 'major',
  MAJOROUTAGE: 'critical',
  UNDERMAINTENANCE: 'maintenance',
};

const incidentPhases: Readonly<Record<string, Phase>> = {
  INVESTIGATING: 'investigating',
  IDENTIFIED: 'identified',
  MONITORING: 'monitoring',
  RESOLVED: 'resolved',
};

const maintenancePhases: Readonly<Record<string, Phase>> = {
  NOTSTARTEDYET: 'scheduled',
  INPROGRESS: 'in_progress',
  COMPLETED: 'completed',
};

/** Instatus values are upper-case; lower-case variants from other API versions read the same. */
const key = (value: unknown): string | null =>
  typeof value === 'string'
    ? value
        .trim()
        .toUpperCase()
        .replace(/[\s_-]/g, '')
    : null;

export const componentStatusOf = (value: unknown) => lookup(componentStatuses, key(value)) ?? null;
export const impactOf = (value: unknown) => lookup(impacts, key(value)) ?? null;
export const incidentPhaseOf = (value: unknown) => lookup(incidentPhases, key(value)) ?? null;
export const maintenancePhaseOf = (value: unknown) => lookup(maintenancePhases, key(value)) ?? null;
