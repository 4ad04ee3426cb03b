import { describe, expect, it } from 'vitest';
import type { Component, Incident } from '../../../domain/model.js';
import { dailyBars, windowStart, type StatusChange } from './daily-bars.js';

const now = '2025-09-10T12:00:00.000Z';
const api: Component = { id: 'api', name: 'API', group: null, status: 'operational', position: 0 };

function incident(overrides: Partial<Incident>): Incident {
  return {
    id: 'acme-1',
    vendorSlug: 'acme',
    sourceId: '1',
    title: 'Errors',
    kind: 'incident',
    impact: 'major',
    phase: 'resolved',
    startedAt: '2025-09-08T10:00:00.000Z',
    resolvedAt: '2025-09-08T11:00:00.000Z',
    detectedAt: '2025-09-08T10:00:10.000Z',
    backfilled: false,
    sourceUrl: null,
    components: ['API'],
    scheduledFor: null,
    scheduledUntil: null,
    regions: [],
    ...overrides,
  };
}

function levels(input: Partial<Parameters<typeof dailyBars>[0]>) {
  const bars = dailyBars({
    components: [api],
    incidents: [],
    changes: [],
    firstSuccessAt: '2025-01-01T00:00:00.000Z',
    oldestIncidentAt: null,
    now,
    days: 5,
    ...input,
  });
  return bars.get('api')!.map((cell) => `${cell.date} ${cell.level}`);
}

describe('the 90-day bars', () => {
  it('start at midnight UTC so that the last day is today', () => {
    expect(windowStart(now, 90)).toBe('2025-06-13T00:00:00.000Z');
    expect(levels({})).toEqual([
      '2025-09-06 operational',
      '2025-09-07 operational',
      '2025-09-08 operational',
      '2025-09-09 operational',
      '2025-09-10 operational',
    ]);
  });

  it('paint the worst status of each day from the recorded changes', () => {
    const changes: StatusChange[] = [
      { id: 'api', from: 'operational', to: 'partial_outage', at: '2025-09-07T23:00:00.000Z' },
      {
        id: 'api',
        from: 'partial_outage',
        to: 'degraded_performance',
        at: '2025-09-08T02:00:00.000Z',
      },
      {
        id: 'api',
        from: 'degraded_performance',
        to: 'operational',
        at: '2025-09-08T05:00:00.000Z',
      },
      { id: 'other', from: 'operational', to: 'major_outage', at: '2025-09-09T05:00:00.000Z' },
    ];
    expect(levels({ changes })).toEqual([
      '2025-09-06 operational',
      '2025-09-07 partial_outage',
      '2025-09-08 partial_outage',
      '2025-09-09 operational',
      '2025-09-10 operational',
    ]);
  });

  it('walk back from the current status when the first change is outside the window', () => {
    const degraded = { ...api, status: 'degraded_performance' as const };
    expect(levels({ components: [degraded] }).at(0)).toBe('2025-09-06 degraded_performance');
  });

  it('add the status an incident naming the component implies, and list the incident', () => {
    const bars = dailyBars({
      components: [api, { ...api, id: 'web', name: 'Web' }],
      incidents: [
        incident({}),
        incident({
          id: 'acme-2',
          impact: 'notice',
          startedAt: '2025-09-10T01:00:00.000Z',
          resolvedAt: null,
        }),
      ],
      changes: [],
      firstSuccessAt: '2025-01-01T00:00:00.000Z',
      oldestIncidentAt: '2025-09-08T10:00:00.000Z',
      now,
      days: 5,
    });
    const cells = bars.get('api')!;
    expect(cells[2]).toEqual({
      date: '2025-09-08',
      level: 'partial_outage',
      incidents: [{ id: 'acme-1', title: 'Errors', impact: 'major' }],
    });
    expect(cells[4]!.level).toBe('operational');
    expect(cells[4]!.incidents.map((item) => item.id)).toEqual(['acme-2']);
    expect(bars.get('web')!.every((cell) => cell.incidents.length === 0)).toBe(true);
  });

  it('show no data before the first successful read, unless an incident from its history says so', () => {
    expect(
      levels({
        firstSuccessAt: '2025-09-09T06:00:00.000Z',
        incidents: [incident({ impact: 'minor' })],
        oldestIncidentAt: '2025-09-08T10:00:00.000Z',
      }),
    ).toEqual([
      '2025-09-06 nodata',
      '2025-09-07 nodata',
      '2025-09-08 degraded_performance',
      '2025-09-09 operational',
      '2025-09-10 operational',
    ]);
  });

  it("paint days inside the vendor's own history with no incident operational, as Statuspage does", () => {
    // First read on the 10th, but its incident list reaches back to the 7th: the 8th and 9th
    // are covered by that history and had no incident.
    const old = incident({
      startedAt: '2025-09-07T10:00:00.000Z',
      resolvedAt: '2025-09-07T11:00:00.000Z',
    });
    expect(
      levels({
        firstSuccessAt: '2025-09-10T06:00:00.000Z',
        incidents: [old],
        oldestIncidentAt: old.startedAt,
      }),
    ).toEqual([
      '2025-09-06 nodata',
      '2025-09-07 partial_outage',
      '2025-09-08 operational',
      '2025-09-09 operational',
      '2025-09-10 operational',
    ]);
  });

  it('show no data on any day for a vendor never read, however long it was watched', () => {
    expect(levels({ firstSuccessAt: null })).toEqual([
      '2025-09-06 nodata',
      '2025-09-07 nodata',
      '2025-09-08 nodata',
      '2025-09-09 nodata',
      '2025-09-10 nodata',
    ]);
  });
});
