// AWS Health status codes (docs/platforms.md#aws): 0 OK, 1 informational, 2 degraded, 3 disruption.
import type { ComponentStatus, Impact } from '../../domain/vocabulary.js';
import { asNumber } from '../parse-kit/lenient.js';

const impacts: ReadonlyMap<number, Impact> = new Map([
  [1, 'notice'],
  [2, 'minor'],
  [3, 'critical'],
]);

const serviceStatuses: ReadonlyMap<number, ComponentStatus> = new Map([
  [0, 'operational'],
  [1, 'operational'],
  [2, 'degraded_performance'],
  [3, 'major_outage'],
]);

export const statusCode = (value: unknown): number | null => asNumber(value);

export function impactOfCode(code: number | null): Impact | null {
  return code === null ? null : (impacts.get(code) ?? null);
}

export function serviceStatusOfCode(code: number | null): ComponentStatus | null {
  return code === null ? null : (serviceStatuses.get(code) ?? null);
}

/** "[RESOLVED] Increased error rates" → { resolved: true, title: "Increased error rates" }. */
export function splitResolvedPrefix(summary: string): { resolved: boolean; title: string } {
  const match = /^\s*\[resolved\]\s*/i.exec(summary);
  return match
    ? { resolved: true, title: summary.slice(match[0].length) }
    : { resolved: false, title: summary };
}
