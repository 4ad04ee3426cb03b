// Heroku's colour system (docs/platforms.md#heroku): systems and updates are green/yellow/red, with
// blue for maintenance; update types name the step, "update" meaning no change of phase.
import type { ComponentStatus, Impact, Phase } from '../../domain/vocabulary.js';
import { lookup } from '../parse-kit/lenient.js';

const colourStatuses: Readonly<Record<string, ComponentStatus>> = {
  green: 'operational',
  yellow: 'degraded_performance',
  red: 'major_outage',
  blue: 'under_maintenance',
};

const colourImpacts: Readonly<Record<string, Impact>> = {
  green: 'notice',
  yellow: 'minor',
  red: 'critical',
};

const incidentSteps: Readonly<Record<string, Phase>> = {
  investigating: 'investigating',
  issue: 'identified',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
};

const maintenanceSteps: Readonly<Record<string, Phase>> = {
  scheduled: 'scheduled',
  maintenance: 'in_progress',
  monitoring: 'verifying',
  resolved: 'completed',
  completed: 'completed',
};

const key = (value: unknown): string | null =>
  typeof value === 'string' ? value.trim().toLowerCase() : null;

export const statusOfColour = (colour: unknown) => lookup(colourStatuses, key(colour)) ?? null;
export const impactOfColour = (colour: unknown) => lookup(colourImpacts, key(colour)) ?? null;

/** The phase an update type names for this kind; null for "update" and unknown types. */
export function phaseOfStep(step: unknown, maintenance: boolean): Phase | null {
  return lookup(maintenance ? maintenanceSteps : incidentSteps, key(step)) ?? null;
}

export const isUnchangedStep = (step: unknown): boolean => key(step) === 'update';
