// A vendor's figures for a recent window: incidents by impact, maintenances, and the median time
// to resolve (over incidents resolved so far; open ones have no resolution time yet).
import type { Incident } from '../../../domain/model.js';
import { secondsBetween } from '../../../domain/time.js';
import type { Impact } from '../../../domain/vocabulary.js';

export interface WindowFigures {
  incidents: number;
  byImpact: Record<Exclude<Impact, 'maintenance'>, number>;
  maintenances: number;
  /** Whole seconds; null when no incident of the window is resolved. */
  medianSecondsToResolve: number | null;
  resolved: number;
}

export function windowFigures(incidents: readonly Incident[], since: string): WindowFigures {
  const byImpact = { critical: 0, major: 0, minor: 0, notice: 0 };
  let count = 0;
  let maintenances = 0;
  const durations: number[] = [];
  for (const incident of incidents) {
    if (incident.startedAt < since) continue;
    if (incident.kind === 'maintenance') {
      maintenances += 1;
      continue;
    }
    count += 1;
    // An incident-kind row with impact "maintenance" is counted as notice: it is not planned work.
    byImpact[incident.impact === 'maintenance' ? 'notice' : incident.impact] += 1;
    if (incident.resolvedAt)
      durations.push(secondsBetween(incident.startedAt, incident.resolvedAt));
  }
  return {
    incidents: count,
    byImpact,
    maintenances,
    medianSecondsToResolve: median(durations),
    resolved: durations.length,
  };
}

/** The middle value (the lower middle's and upper middle's mean, floored, for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : Math.floor((sorted[middle - 1]! + sorted[middle]!) / 2);
}
