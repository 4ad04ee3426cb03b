import { describe, expect, it } from 'vitest';
import { vendorStatus, worstStatus } from './status.js';
import { vendorHealth } from './health.js';

describe('vendorStatus', () => {
  it('is the worst of components and open incident impacts', () => {
    expect(vendorStatus(['operational', 'operational'], [])).toBe('operational');
    expect(vendorStatus(['operational'], ['critical'])).toBe('major_outage');
    expect(vendorStatus(['partial_outage'], ['minor'])).toBe('partial_outage');
    expect(vendorStatus(['operational'], ['notice'])).toBe('operational');
    expect(vendorStatus(['under_maintenance'], [])).toBe('under_maintenance');
  });

  it('never reports unknown as operational', () => {
    expect(worstStatus(['operational', 'unknown'])).toBe('unknown');
    expect(worstStatus(['unknown', 'degraded_performance'])).toBe('degraded_performance');
  });
});

describe('vendorHealth', () => {
  const base = { lastPolledAt: '2026-01-01T00:00:00.000Z', intervalSeconds: 60 };
  it('is ok after a recent success, failing after a failed poll, stale after 3 intervals', () => {
    expect(
      vendorHealth(
        { ...base, lastSuccessAt: '2026-01-01T00:00:00.000Z', lastError: null },
        '2026-01-01T00:01:00.000Z',
      ),
    ).toBe('ok');
    expect(
      vendorHealth(
        { ...base, lastSuccessAt: '2026-01-01T00:00:00.000Z', lastError: 'timeout' },
        '2026-01-01T00:01:00.000Z',
      ),
    ).toBe('failing');
    expect(
      vendorHealth(
        { ...base, lastSuccessAt: '2026-01-01T00:00:00.000Z', lastError: 'timeout' },
        '2026-01-01T00:03:01.000Z',
      ),
    ).toBe('stale');
    expect(
      vendorHealth({ ...base, lastSuccessAt: null, lastError: null }, '2026-01-01T00:00:01.000Z'),
    ).toBe('stale');
  });
});
