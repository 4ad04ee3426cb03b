import { describe, expect, it } from 'vitest';
import { healthChanged } from './health-change.js';

const read = '2025-09-10T10:00:00.000Z';

describe('healthChanged', () => {
  it('is a change from read to failing, and back', () => {
    expect(healthChanged({ lastSuccessAt: read, lastError: null }, 'HTTP 503 from x')).toBe(true);
    expect(healthChanged({ lastSuccessAt: read, lastError: 'HTTP 503 from x' }, null)).toBe(true);
  });

  it('is a change when the failure reason changes, not when only its message does', () => {
    const failing = { lastSuccessAt: read, lastError: 'summary.json: HTTP 503 from a' };
    expect(healthChanged(failing, 'summary.json: HTTP 503 from b')).toBe(false);
    expect(healthChanged(failing, 'summary.json: 127.0.0.1:9 refused the connection')).toBe(true);
  });

  it('is a change at the first poll of a vendor never read, either way', () => {
    const never = { lastSuccessAt: null, lastError: null };
    expect(healthChanged(never, 'HTTP 404 from x')).toBe(true);
    expect(healthChanged(never, null)).toBe(true);
  });

  it('is no change for another good poll', () => {
    expect(healthChanged({ lastSuccessAt: read, lastError: null }, null)).toBe(false);
  });
});
