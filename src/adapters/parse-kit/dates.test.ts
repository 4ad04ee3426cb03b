import { describe, expect, it } from 'vitest';
import { parseVendorTime, parseZonelessAsUtc, zoneOffset } from './dates.js';

describe('parseVendorTime', () => {
  it.each([
    ['2020-07-30T15:12:34-07:00', '2020-07-30T22:12:34.000Z'],
    ['Sat Jun 11 2022 18:55:50 GMT+0000 (Coordinated Universal Time)', '2022-06-11T18:55:50.000Z'],
    [
      'Sat Jun 11 2022 20:55:50 GMT+0200 (Central European Summer Time)',
      '2022-06-11T18:55:50.000Z',
    ],
    ['Sat Jun 11 2022 18:55:50 GMT+0000', '2022-06-11T18:55:50.000Z'],
    ['Thu, 06 Aug 2026 01:09:00 Z', '2026-08-06T01:09:00.000Z'],
    ['Wed, 01 Jan 2025 10:00:00 PDT', '2025-01-01T17:00:00.000Z'],
    ['Wed, 01 Jan 2025 10:00:00 +0530', '2025-01-01T04:30:00.000Z'],
    ['01 Jan 25 10:00 GMT', '2025-01-01T10:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseVendorTime(input)).toBe(expected);
  });

  it.each([
    ['Tomorrow'],
    ['Wed, 31 Feb 2025 10:00:00 GMT'],
    ['Wed, 01 Jan 2025 10:00:00 XYZ'],
    ['Wed, 01 Jan 2025 10:00:00'],
    ['2025-01-01 10:00:00'],
    [`${'Sat '.repeat(1000)}`],
    [1_600_000_000],
    [null],
  ])('rejects %j', (input) => {
    expect(parseVendorTime(input)).toBeNull();
  });
});

describe('parseZonelessAsUtc', () => {
  it('reads Cachet times as UTC and nothing else', () => {
    expect(parseZonelessAsUtc('2024-10-27 08:31:59')).toBe('2024-10-27T08:31:59.000Z');
    expect(parseZonelessAsUtc('2024-10-27T08:31')).toBe('2024-10-27T08:31:00.000Z');
    expect(parseZonelessAsUtc('2024-10-27 08:31:59+02:00')).toBeNull();
    expect(parseZonelessAsUtc('2024-13-27 08:31:59')).toBeNull();
    expect(parseZonelessAsUtc({ string: '2024-10-27 08:31:59' })).toBeNull();
  });
});

describe('zoneOffset', () => {
  it('knows common abbreviations and numeric offsets, and refuses ambiguous ones', () => {
    expect(zoneOffset('pst')).toBe('-08:00');
    expect(zoneOffset('-0700')).toBe('-07:00');
    expect(zoneOffset('IST')).toBeNull();
    expect(zoneOffset('constructor')).toBeNull();
  });
});
