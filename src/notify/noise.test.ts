import { describe, expect, it } from 'vitest';
import type { EventType } from '../domain/vocabulary.js';
import { decideHold, holdsFor } from './noise.js';

const now = new Date('2025-09-10T12:00:00.000Z');

describe('holdsFor', () => {
  it.each<[boolean, number, string, string | null, EventType, boolean]>([
    [true, 30_000, 'event', 'balena-1', 'incident.updated', true],
    [false, 30_000, 'event', 'balena-1', 'incident.updated', false],
    [true, 0, 'event', 'balena-1', 'incident.updated', false],
    [true, 30_000, 'reminder', 'balena-1', 'incident.updated', false],
    [true, 30_000, 'event', null, 'incident.updated', false],
    [true, 30_000, 'event', 'balena-1', 'incident.opened', false],
    [true, 30_000, 'event', 'balena-1', 'incident.resolved', false],
  ])(
    'coalesce %s, window %i, %s %s %s → %s',
    (coalesce, windowMs, kind, groupKey, eventType, expected) => {
      expect(holdsFor(coalesce, windowMs, { kind, groupKey, eventType })).toBe(expected);
    },
  );
});

describe('decideHold', () => {
  it('folds an update when a later message about the incident exists', () => {
    expect(decideHold({ laterMessage: true, lastSentAt: null, now, windowMs: 30_000 })).toEqual({
      action: 'fold',
      reason: 'folded into a later message about this incident',
    });
  });

  it('holds an update until the window after the last message has passed', () => {
    expect(
      decideHold({
        laterMessage: false,
        lastSentAt: '2025-09-10T11:59:50.000Z',
        now,
        windowMs: 30_000,
      }),
    ).toEqual({
      action: 'defer',
      until: '2025-09-10T12:00:20.000Z',
    });
  });

  it('sends when the window has passed or nothing was sent yet', () => {
    expect(
      decideHold({
        laterMessage: false,
        lastSentAt: '2025-09-10T11:59:30.000Z',
        now,
        windowMs: 30_000,
      }),
    ).toEqual({ action: 'send' });
    expect(decideHold({ laterMessage: false, lastSentAt: null, now, windowMs: 30_000 })).toEqual({
      action: 'send',
    });
  });
});
