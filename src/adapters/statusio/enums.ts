// status.io codes (docs/platforms.md#statusio). 600 "Security Issue/Event" says nothing about
// availability: components read it as unknown, incidents as a major impact.
import type { ComponentStatus, Impact, Phase } from '../../domain/vocabulary.js';
import { asNumber } from '../parse-kit/lenient.js';

const componentStatuses: ReadonlyMap<number, ComponentStatus> = new Map([
  [100, 'operational'],
  [200, 'under_maintenance'],
  [300, 'degraded_performance'],
  [400, 'partial_outage'],
  [500, 'major_outage'],
  [600, 'unknown'],
]);

const impacts: ReadonlyMap<number, Impact> = new Map([
  [100, 'notice'],
  [300, 'minor'],
  [400, 'major'],
  [500, 'critical'],
  [600, 'major'],
]);

const messageStates: ReadonlyMap<number, Phase> = new Map([
  [100, 'investigating'],
  [200, 'identified'],
  [300, 'monitoring'],
]);

export const securityCode = 600;

export function componentStatusOf(value: unknown): ComponentStatus | null {
  const code = asNumber(value);
  return code === null ? null : (componentStatuses.get(code) ?? null);
}

export function impactOf(value: unknown): Impact | null {
  const code = asNumber(value);
  return code === null ? null : (impacts.get(code) ?? null);
}

export function phaseOfState(value: unknown): Phase | null {
  const code = asNumber(value);
  return code === null ? null : (messageStates.get(code) ?? null);
}
