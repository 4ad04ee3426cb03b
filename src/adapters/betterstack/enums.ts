// Better Stack states (docs/platforms.md#betterstack): resources are
// operational/degraded/downtime/maintenance (plus not_monitored, which is skipped); a report's
// aggregate state adds `resolved`.
import type { ComponentStatus, Impact } from '../../domain/vocabulary.js';
import { lookup } from '../parse-kit/lenient.js';

const resourceStatuses: Readonly<Record<string, ComponentStatus>> = {
  operational: 'operational',
  degraded: 'degraded_performance',
  downtime: 'major_outage',
  maintenance: 'under_maintenance',
};

const impacts: Readonly<Record<string, Impact>> = {
  degraded: 'minor',
  downtime: 'critical',
};

const key = (value: unknown): string | null =>
  typeof value === 'string' ? value.trim().toLowerCase() : null;

export const isNotMonitored = (value: unknown): boolean => key(value) === 'not_monitored';
export const resourceStatusOf = (value: unknown) => lookup(resourceStatuses, key(value)) ?? null;
export const impactOfState = (value: unknown) => lookup(impacts, key(value)) ?? null;
export const stateOf = key;
