import { describe, expect, it } from 'vitest';
import { describeFreshness, healthPhrase, vendorHealth } from './health.js';

const t0 = '2026-01-01T00:00:00.000Z';
const later = (seconds: number) => new Date(Date.parse(t0) + seconds * 1000).toISOString();
const read = { lastPolledAt: t0, lastSuccessAt: t0, lastError: null, intervalSeconds: 60 };

describe('vendor health', () => {
  it('is ok after a recent success, failing after a failed poll, stale after 3 intervals', () => {
    expect(vendorHealth(read, later(60))).toBe('ok');
    const failed = { ...read, lastPolledAt: later(60), lastError: 'HTTP 503' };
    expect(describeFreshness(failed, later(61))).toEqual({
      health: 'failing',
      neverSucceeded: false,
      lastSuccessAt: t0,
      lastTriedAt: later(60),
    });
    expect(vendorHealth(failed, later(180))).toBe('failing');
    expect(describeFreshness(failed, later(181))).toEqual({
      health: 'stale',
      lastSuccessAt: t0,
      staleSince: later(180),
    });
  });

  it('calls a vendor never read successfully failing (never succeeded), never stale', () => {
    const tried = { ...read, lastSuccessAt: null, lastError: 'refused', lastPolledAt: later(5) };
    // 20 s after start and an hour later alike: there is no old data to call stale.
    for (const now of [later(20), later(3600)]) {
      expect(describeFreshness(tried, now)).toEqual({
        health: 'failing',
        neverSucceeded: true,
        lastTriedAt: later(5),
      });
    }
    const untried = { ...tried, lastPolledAt: null, lastError: null };
    expect(describeFreshness(untried, later(1))).toEqual({
      health: 'failing',
      neverSucceeded: true,
      lastTriedAt: null,
    });
  });

  it('reads the same words wherever it is printed', () => {
    expect(healthPhrase('failing', null)).toBe('failing (never succeeded)');
    expect(healthPhrase('failing', t0)).toBe('failing');
    expect(healthPhrase('stale', t0)).toBe('stale');
    expect(healthPhrase('ok', t0)).toBe('ok');
  });
});
