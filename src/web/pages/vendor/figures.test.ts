import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../domain/model.js';
import { median, windowFigures } from './figures.js';

function incident(n: number, overrides: Partial<Incident>): Incident {
  return {
    id: `acme-${n}`,
    vendorSlug: 'acme',
    sourceId: String(n),
    title: `Incident ${n}`,
    kind: 'incident',
    impact: 'minor',
    phase: 'resolved',
    startedAt: '2025-09-01T10:00:00.000Z',
    resolvedAt: null,
    detectedAt: '2025-09-01T10:00:00.000Z',
    backfilled: false,
    sourceUrl: null,
    components: [],
    scheduledFor: null,
    scheduledUntil: null,
    regions: [],
    ...overrides,
  };
}

describe('window figures', () => {
  it('count incidents by impact, maintenances apart, and the median time to resolve', () => {
    const start = '2025-09-01T10:00:00.000Z';
    const figures = windowFigures(
      [
        incident(1, { impact: 'critical', resolvedAt: '2025-09-01T10:30:00.000Z' }),
        incident(2, { impact: 'major', resolvedAt: '2025-09-01T12:00:00.000Z' }),
        incident(3, { impact: 'minor', resolvedAt: '2025-09-01T18:00:00.000Z' }),
        incident(4, { impact: 'notice' }),
        incident(5, { kind: 'maintenance', impact: 'maintenance' }),
        incident(6, { impact: 'major', startedAt: '2025-05-01T00:00:00.000Z' }),
      ],
      start,
    );
    expect(figures).toEqual({
      incidents: 4,
      byImpact: { critical: 1, major: 1, minor: 1, notice: 1 },
      maintenances: 1,
      medianSecondsToResolve: 2 * 3600,
      resolved: 3,
    });
  });

  it('has no median without a resolved incident', () => {
    expect(
      windowFigures([incident(1, {})], '2025-01-01T00:00:00.000Z').medianSecondsToResolve,
    ).toBeNull();
    expect(median([])).toBeNull();
    expect(median([10, 1, 4, 7])).toBe(5);
  });
});
