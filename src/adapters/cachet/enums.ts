// Cachet's integer enums (docs/platforms.md#cachet). Cachet 2 uses incident status 0 for scheduled
// maintenance; Cachet 3 adds component status 5 (unknown) and moves maintenance to schedules.
import type { ComponentStatus, Phase } from '../../domain/vocabulary.js';
import { asNumber, asRecord } from '../parse-kit/lenient.js';

const componentStatuses: ReadonlyMap<number, ComponentStatus> = new Map([
  [1, 'operational'],
  [2, 'degraded_performance'],
  [3, 'partial_outage'],
  [4, 'major_outage'],
  [5, 'unknown'],
]);

const incidentPhases: ReadonlyMap<number, Phase> = new Map([
  [1, 'investigating'],
  [2, 'identified'],
  [3, 'monitoring'],
  [4, 'resolved'],
]);

/** A Cachet enum: a number, a numeric string, or Cachet 3's `{human, value}` object. */
export function enumValue(value: unknown): number | null {
  return asNumber(asRecord(value)?.value ?? value);
}

export function componentStatusOf(value: unknown): ComponentStatus | null {
  const code = enumValue(value);
  return code === null ? null : (componentStatuses.get(code) ?? null);
}

export function incidentPhaseOf(code: number | null): Phase | null {
  return code === null ? null : (incidentPhases.get(code) ?? null);
}
