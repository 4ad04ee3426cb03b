import { describe, expect, it } from 'vitest';
import { maintenancePhaseAt } from './maintenance-window.js';

const window = { startsAt: '2024-05-10T10:00:00.000Z', endsAt: '2024-05-10T12:00:00.000Z' };

describe('maintenancePhaseAt', () => {
  it.each([
    ['three days before its start', '2024-05-07T10:00:00.000Z', 'scheduled'],
    ['one second before its start', '2024-05-10T09:59:59.000Z', 'scheduled'],
    ['at its start', '2024-05-10T10:00:00.000Z', 'in_progress'],
    ['inside its window', '2024-05-10T11:00:00.000Z', 'in_progress'],
    ['at its end', '2024-05-10T12:00:00.000Z', 'completed'],
    ['after its end', '2024-05-11T00:00:00.000Z', 'completed'],
  ] as const)('an open maintenance observed %s is %s', (_when, observedAt, phase) => {
    expect(maintenancePhaseAt('open', window, observedAt)).toBe(phase);
  });

  it('an open-ended window (no end) stays in progress once started', () => {
    const openEnded = { startsAt: window.startsAt, endsAt: null };
    expect(maintenancePhaseAt('open', openEnded, '2025-01-01T00:00:00.000Z')).toBe('in_progress');
    expect(maintenancePhaseAt('open', openEnded, '2024-05-01T00:00:00.000Z')).toBe('scheduled');
  });

  it('reads times with offsets as instants', () => {
    expect(maintenancePhaseAt('open', window, '2024-05-10T11:30:00+02:00')).toBe('scheduled');
  });

  it('keeps a phase the vendor states: an early start, an overrun, a completion', () => {
    expect(maintenancePhaseAt('in_progress', window, '2024-05-10T09:00:00.000Z')).toBe(
      'in_progress',
    );
    expect(maintenancePhaseAt('scheduled', window, '2024-05-10T13:00:00.000Z')).toBe('scheduled');
    expect(maintenancePhaseAt('completed', window, '2024-05-10T11:00:00.000Z')).toBe('completed');
  });

  it('without an observation time an open maintenance reads as the vendor lists it', () => {
    expect(maintenancePhaseAt('open', window, null)).toBe('in_progress');
  });
});
