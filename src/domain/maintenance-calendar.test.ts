import { describe, expect, it } from 'vitest';
import { calendarEntry, isCancelledMaintenance, windowEnd } from './maintenance-calendar.js';
import type { Incident } from './model.js';

const window: Incident = {
  id: 'acme-m1',
  vendorSlug: 'acme',
  sourceId: 'm1',
  title: 'Database upgrade',
  kind: 'maintenance',
  impact: 'maintenance',
  phase: 'scheduled',
  startedAt: '2026-01-10T02:00:00.000Z',
  resolvedAt: null,
  detectedAt: '2026-01-01T00:00:00.000Z',
  backfilled: false,
  sourceUrl: null,
  components: [],
  scheduledFor: '2026-01-10T02:00:00.000Z',
  scheduledUntil: '2026-01-10T04:00:00.000Z',
  regions: [],
};

describe('a maintenance as a calendar event', () => {
  it.each([
    ['still scheduled', {}, false],
    ['in progress', { phase: 'in_progress' }, false],
    [
      'completed after it began',
      { phase: 'completed', resolvedAt: '2026-01-10T03:00:00.000Z' },
      false,
    ],
    [
      'completed before it began',
      { phase: 'completed', resolvedAt: '2026-01-05T00:00:00.000Z' },
      true,
    ],
    [
      'closed before a start given only as startedAt',
      { phase: 'completed', scheduledFor: null, resolvedAt: '2026-01-09T00:00:00.000Z' },
      true,
    ],
  ] as const)('%s: cancelled %s', (_name, overrides, cancelled) => {
    expect(isCancelledMaintenance({ ...window, ...overrides })).toBe(cancelled);
  });

  it('ends at the announced end, else the resolution, else nowhere; never before it starts', () => {
    expect(windowEnd(window)).toBe('2026-01-10T04:00:00.000Z');
    const resolved = { ...window, scheduledUntil: null, resolvedAt: '2026-01-10T05:00:00.000Z' };
    expect(windowEnd(resolved)).toBe('2026-01-10T05:00:00.000Z');
    expect(windowEnd({ ...window, scheduledUntil: null })).toBeNull();
    expect(windowEnd({ ...window, scheduledUntil: '2026-01-10T01:00:00.000Z' })).toBeNull();
  });

  it('counts revisions in SEQUENCE, and one more once cancelled; the UID never changes', () => {
    const cancelled = {
      ...window,
      phase: 'completed' as const,
      resolvedAt: '2026-01-02T00:00:00.000Z',
    };
    expect(calendarEntry(window, 0, 'vw.example')).toEqual({
      uid: 'acme-m1@vw.example',
      sequence: 0,
      start: '2026-01-10T02:00:00.000Z',
      end: '2026-01-10T04:00:00.000Z',
      cancelled: false,
    });
    expect(calendarEntry(window, 3, 'vw.example').sequence).toBe(3);
    expect(calendarEntry(cancelled, 1, 'vw.example')).toMatchObject({
      uid: 'acme-m1@vw.example',
      sequence: 2,
      cancelled: true,
    });
  });
});
