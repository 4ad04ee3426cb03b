import { describe, expect, it } from 'vitest';
import { pushDueAt } from './push-coalesce.js';

describe('pushDueAt (coalescing pushes into polls)', () => {
  const t = '2026-12-05T00:00:00.000Z';
  const plus = (seconds: number) => new Date(Date.parse(t) + seconds * 1000).toISOString();

  it('is now for a vendor never polled or polled longer than 2 s ago', () => {
    expect(pushDueAt(null, t)).toBe(t);
    expect(pushDueAt(plus(-2), t)).toBe(t);
    expect(pushDueAt(plus(-60), t)).toBe(t);
  });

  it('waits for the end of the window after the last poll started', () => {
    expect(pushDueAt(plus(-0.5), t)).toBe(plus(1.5));
    expect(pushDueAt(t, t)).toBe(plus(2));
    expect(pushDueAt(plus(-1), t, 5)).toBe(plus(4));
  });

  it('gives every push of a burst the same due time: one poll per window', () => {
    const dues = new Set(
      Array.from({ length: 1000 }, (_, i) => pushDueAt(plus(-0.1), plus(i / 1000 - 0.1))),
    );
    expect([...dues]).toEqual([plus(1.9)]);
  });
});
