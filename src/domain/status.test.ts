import { describe, expect, it } from 'vitest';
import { vendorStatus, worstStatus } from './status.js';

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
