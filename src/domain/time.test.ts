import { describe, expect, it } from 'vitest';
import { parseEpoch, parseInstant, secondsBetween } from './time.js';

describe('parseInstant', () => {
  it.each([
    ['2025-09-10T13:47:31.123Z', '2025-09-10T13:47:31.123Z'],
    ['2026-05-12T10:15:00.000-04:00', '2026-05-12T14:15:00.000Z'],
    ['2020-07-30T09:44:07-07:00', '2020-07-30T16:44:07.000Z'],
    ['2022-07-01T10:00:00+00:00', '2022-07-01T10:00:00.000Z'],
    ['2025-01-01 12:00:00Z', '2025-01-01T12:00:00.000Z'],
    ['2025-01-01T12:00Z', '2025-01-01T12:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseInstant(input)).toBe(expected);
  });

  it.each([
    ['2024-13-45T99:00:00Z'],
    ['2025-02-31T10:00:00Z'],
    ['2025-01-01T12:00:00'],
    ['not a date'],
    [''],
    [42],
    [null],
    [{}],
    ['1970-01-01T00:00:00Z'],
    ['2999-01-01T00:00:00Z'],
  ])('rejects %j', (input) => {
    expect(parseInstant(input)).toBeNull();
  });
});

describe('parseEpoch', () => {
  it('reads seconds and milliseconds', () => {
    expect(parseEpoch(1_600_000_000, 's')).toBe('2020-09-13T12:26:40.000Z');
    expect(parseEpoch('1600000000000', 'ms')).toBe('2020-09-13T12:26:40.000Z');
    expect(parseEpoch('x', 's')).toBeNull();
    expect(parseEpoch(-1, 's')).toBeNull();
  });
});

describe('secondsBetween', () => {
  it('floors and never goes negative', () => {
    expect(secondsBetween('2025-01-01T00:00:00.000Z', '2025-01-01T00:00:01.999Z')).toBe(1);
    expect(secondsBetween('2025-01-01T00:00:10.000Z', '2025-01-01T00:00:00.000Z')).toBe(0);
  });
});
