import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration.js';

describe('formatDuration', () => {
  it.each([
    [0, 'under 1m'],
    [59, 'under 1m'],
    [60, '1m'],
    [45 * 60 + 59, '45m'],
    [3600, '1h'],
    [8 * 3600 + 20 * 60 + 34, '8h 20m'],
    [2 * 3600 + 5 * 60, '2h 5m'],
    [86_399, '23h 59m'],
    [86_400, '1d'],
    [2 * 86_400 + 3 * 3600 + 59 * 60, '2d 3h'],
    [-5, 'under 1m'],
  ])('%i seconds reads %s (floored)', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
