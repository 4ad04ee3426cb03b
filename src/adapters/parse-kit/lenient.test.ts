import { describe, expect, it } from 'vitest';
import { parseJsonBody } from './json-body.js';
import { asBoolean, asId, asList, asNumber, asRecord, asText, lookup } from './lenient.js';
import { hashId, uniqueIds } from './ids.js';
import { capList, Warnings } from './warnings.js';

describe('lenient readers', () => {
  it('read the right type and nothing else', () => {
    expect(asRecord([])).toBeNull();
    expect(asRecord(null)).toBeNull();
    expect(asList({ length: 2 })).toEqual([]);
    expect(asText('  ')).toBeNull();
    expect(asId(12)).toBe('12');
    expect(asId(1.5)).toBeNull();
    expect(asId(' x ')).toBe('x');
    expect(asId('x'.repeat(201))).toBeNull();
    expect(asNumber('3')).toBe(3);
    expect(asNumber('three')).toBeNull();
    expect(asNumber(Infinity)).toBeNull();
    expect(asBoolean('1')).toBe(true);
    expect(asBoolean('yes')).toBeNull();
  });

  it('looks up own keys only', () => {
    const table = { a: 1 };
    expect(lookup(table, 'a')).toBe(1);
    expect(lookup(table, '__proto__')).toBeUndefined();
    expect(lookup(table, 'constructor')).toBeUndefined();
    expect(lookup(table, null)).toBeUndefined();
  });
});

describe('parseJsonBody', () => {
  it.each([
    [null, 'no body'],
    ['', 'empty body'],
    ['<html>Maintenance</html>', 'HTML'],
    ['{"page":{"id":', 'invalid JSON'],
    ['{} trailing', 'invalid JSON'],
  ])('refuses %j', (body, reason) => {
    const result = parseJsonBody(body, 'summary');
    expect(result).toEqual({ ok: false, error: expect.stringContaining(reason) });
    expect(result.ok || result.error.startsWith('summary:')).toBe(true);
  });

  it('accepts a BOM and deep nesting', () => {
    expect(parseJsonBody('\uFEFF{"a":1}', 'x')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonBody(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'x').ok).toBe(true);
  });
});

describe('ids and warnings', () => {
  it('hashes stably and suffixes repeated ids', () => {
    expect(hashId('a', 'b')).toBe(hashId('a', 'b'));
    expect(hashId('a', 'b')).not.toBe(hashId('ab'));
    expect(uniqueIds(['x', 'y', 'x', 'x'], (v) => v)).toEqual(['x', 'y', 'x-2', 'x-3']);
  });

  it('caps lists and warnings', () => {
    const warnings = new Warnings();
    expect(
      capList(
        Array.from({ length: 600 }, (_, i) => i),
        'items',
        warnings,
      ),
    ).toHaveLength(500);
    for (let i = 0; i < 100; i += 1) warnings.add(`w${i}`);
    const list = warnings.list();
    expect(list).toHaveLength(51);
    expect(list.at(-1)).toBe('…and 51 more warnings');
  });
});
