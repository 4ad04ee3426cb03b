// Sorry™'s states mapped into the domain vocabulary through tables. A value not in a table yields
// undefined; the caller picks the fallback and records a warning.
import type { ComponentStatus, Phase } from '../../domain/vocabulary.js';
import { lookup } from '../parse-kit/lenient.js';

/** `degraded` is Sorry's only problem state on the public API; `partially-degraded` its milder one. */
const componentStates: Readonly<Record<string, ComponentStatus>> = {
  operational: 'operational',
  'partially-degraded': 'degraded_performance',
  degraded: 'degraded_performance',
  under_maintenance: 'under_maintenance',
};

const unplannedStates: Readonly<Record<string, Phase>> = {
  investigating: 'investigating',
  identified: 'identified',
  recovering: 'monitoring',
  resolved: 'resolved',
  false_alarm: 'resolved',
};

const plannedStates: Readonly<Record<string, Phase>> = {
  scheduled: 'scheduled',
  underway: 'in_progress',
  complete: 'completed',
};

const key = (value: unknown): string | null =>
  typeof value === 'string' ? value.trim().toLowerCase() : null;

export function componentStatusOf(value: unknown): ComponentStatus | undefined {
  return lookup(componentStates, key(value));
}

export function phaseOf(value: unknown, planned: boolean): Phase | undefined {
  return lookup(planned ? plannedStates : unplannedStates, key(value));
}
