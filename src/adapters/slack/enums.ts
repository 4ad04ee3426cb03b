// Slack Status API vocabulary (docs/platforms.md#slack): incident `type` says how bad, `status`
// says open or closed; maintenance shows as scheduled/active/completed/cancelled.
import type { ComponentStatus, Impact, Phase } from '../../domain/vocabulary.js';
import { lookup } from '../parse-kit/lenient.js';

const impacts: Readonly<Record<string, Impact>> = {
  notice: 'notice',
  incident: 'minor',
  outage: 'critical',
  maintenance: 'maintenance',
};

/** What an open item of this type says about the services it names. */
const serviceStatuses: Readonly<Record<string, ComponentStatus>> = {
  notice: 'operational',
  incident: 'degraded_performance',
  outage: 'major_outage',
  maintenance: 'under_maintenance',
};

const maintenancePhases: Readonly<Record<string, Phase>> = {
  scheduled: 'scheduled',
  active: 'in_progress',
  completed: 'completed',
  // A cancelled maintenance is over; "completed" is the closest closed phase.
  cancelled: 'completed',
};

const key = (value: unknown): string | null =>
  typeof value === 'string' ? value.trim().toLowerCase() : null;

export const impactOfType = (type: unknown) => lookup(impacts, key(type)) ?? null;
export const serviceStatusOfType = (type: unknown) => lookup(serviceStatuses, key(type)) ?? null;

export function isMaintenance(type: unknown, status: unknown): boolean {
  const s = key(status);
  return key(type) === 'maintenance' || s === 'scheduled' || s === 'completed' || s === 'cancelled';
}

export function phaseOf(status: unknown, maintenance: boolean): Phase | null {
  const s = key(status);
  if (maintenance) return lookup(maintenancePhases, s) ?? null;
  if (s === 'active') return 'investigating';
  if (s === 'resolved') return 'resolved';
  return null;
}
