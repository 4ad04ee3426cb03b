import { describe, expect, it } from 'vitest';
import type { PreviousState } from './diff.js';
import type { IncidentWrite } from './plan.js';
import { effectiveIntervalSeconds, openIncidentAfter, pollsFast } from './active-polling.js';

describe('fast polling: the one decision', () => {
  it('polls fast with an open incident or a suspicion, not otherwise', () => {
    expect(pollsFast({ hasOpenIncident: false, suspected: false })).toBe(false);
    expect(pollsFast({ hasOpenIncident: true, suspected: false })).toBe(true);
    expect(pollsFast({ hasOpenIncident: false, suspected: true })).toBe(true);
  });

  it('uses the active interval while active, never slower than the vendor interval', () => {
    const intervals = { intervalSeconds: 3600, activeIntervalSeconds: 10 };
    const calm = { hasOpenIncident: false, suspected: false };
    const open = { hasOpenIncident: true, suspected: false };
    expect(effectiveIntervalSeconds(intervals, calm)).toBe(3600);
    expect(effectiveIntervalSeconds(intervals, open)).toBe(10);
    expect(effectiveIntervalSeconds({ intervalSeconds: 5, activeIntervalSeconds: 10 }, open)).toBe(
      5,
    );
  });
});

describe('openIncidentAfter', () => {
  const known = (id: string, phase: 'investigating' | 'resolved', kind: 'incident' = 'incident') =>
    ({ id, kind, phase, updates: [] }) as unknown as PreviousState['incidents'][number];
  const update = (
    incidentId: string,
    fields: Extract<IncidentWrite, { action: 'update' }>['fields'],
  ): IncidentWrite => ({
    action: 'update',
    incidentId,
    fields,
    newUpdates: [],
    editedUpdates: [],
    revisions: [],
  });

  it('keeps what the store said when the plan writes no incident', () => {
    expect(openIncidentAfter(true, null, null)).toBe(true);
    expect(openIncidentAfter(false, null, { incidents: [] })).toBe(false);
  });

  it('follows the plan: an insert opens, a resolution closes, maintenance never counts', () => {
    const previous = { components: [], incidents: [known('a', 'investigating')] };
    expect(
      openIncidentAfter(true, previous, { incidents: [update('a', { phase: 'resolved' })] }),
    ).toBe(false);
    expect(
      openIncidentAfter(true, previous, { incidents: [update('a', { phase: 'monitoring' })] }),
    ).toBe(true);
    const insert = (kind: 'incident' | 'maintenance', phase: string): IncidentWrite =>
      ({ action: 'insert', incident: { id: 'n', kind, phase }, updates: [] }) as never;
    expect(
      openIncidentAfter(false, null, { incidents: [insert('incident', 'investigating')] }),
    ).toBe(true);
    expect(
      openIncidentAfter(false, null, { incidents: [insert('maintenance', 'in_progress')] }),
    ).toBe(false);
    expect(
      openIncidentAfter(true, previous, { incidents: [update('a', { kind: 'maintenance' })] }),
    ).toBe(false);
  });
});
