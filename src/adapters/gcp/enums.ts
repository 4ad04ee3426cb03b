// Google Cloud status vocabulary (docs/platforms.md#gcp): `status_impact` and `severity` both say
// how bad; updates add AVAILABLE when service is back.
import type { ComponentStatus, Impact } from '../../domain/vocabulary.js';
import { lookup } from '../parse-kit/lenient.js';

const statusImpacts: Readonly<Record<string, Impact>> = {
  SERVICE_INFORMATION: 'minor',
  SERVICE_DISRUPTION: 'major',
  SERVICE_OUTAGE: 'critical',
};

const severities: Readonly<Record<string, Impact>> = {
  low: 'minor',
  medium: 'major',
  high: 'critical',
};

/** What an open incident of this impact means for the products it names. */
export const productStatusOfImpact: Readonly<Record<Impact, ComponentStatus>> = {
  notice: 'operational',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
  maintenance: 'under_maintenance',
};

const text = (value: unknown): string | null => (typeof value === 'string' ? value.trim() : null);

export const impactOfStatus = (value: unknown) =>
  lookup(statusImpacts, text(value)?.toUpperCase() ?? null) ?? null;
export const impactOfSeverity = (value: unknown) =>
  lookup(severities, text(value)?.toLowerCase() ?? null) ?? null;
export const isAvailable = (value: unknown): boolean => text(value)?.toUpperCase() === 'AVAILABLE';
