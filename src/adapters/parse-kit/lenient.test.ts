import { describe, expect, it } from 'vitest';
import { parseJsonBody, readJsonBody } from './json-body.js';
import {
  asBoolean,
  asId,
  asLabel,
  asLabelId,
  asList,
  asNumber,
  asRecord,
  asText,
  kindOf,
  listField,
  lookup,
  quote,
} from './lenient.js';
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

describe('labels, list fields and quoting for warnings', () => {
  it('cleans labels and label-like ids', () => {
    expect(asLabel('  Core\n  API ')).toBe('Core API');
    expect(asLabel(' \u0000 ')).toBeNull();
    expect(asLabel(3)).toBeNull();
    expect(asLabelId('n\u0000ul')).toBe('nul');
    expect(asLabelId(7)).toBe('7');
    expect(asLabelId(2 ** 60)).toBeNull();
    expect(asLabelId('x'.repeat(255))).toHaveLength(255);
    expect(asLabelId('x'.repeat(256))).toBeNull();
  });

  it('tells an absent list from one of the wrong type', () => {
    expect(listField([1])).toEqual({ kind: 'list', items: [1] });
    expect(listField(null)).toEqual({ kind: 'absent' });
    expect(listField(undefined)).toEqual({ kind: 'absent' });
    expect(listField({})).toEqual({ kind: 'wrong_type', got: 'an object' });
    expect(kindOf('x')).toBe('a string');
    expect(kindOf([])).toBe('an array');
  });

  it('quotes vendor values short and on one line', () => {
    expect(quote(undefined)).toBe('(missing)');
    expect(quote(12)).toBe('a number');
    expect(quote('a\nb')).toBe('"a b"');
    expect(quote('y'.repeat(60))).toBe(`"${'y'.repeat(40)}…"`);
  });
});

describe('readJsonBody', () => {
  it.each([
    [null, { why: 'missing' }],
    ['\uFEFF  ', { why: 'empty' }],
    ['<!doctype html>', { why: 'markup' }],
  ])('says why %j is no JSON', (body, failure) => {
    expect(readJsonBody(body)).toEqual({ ok: false, failure });
  });

  it('keeps the parser’s reason for malformed JSON', () => {
    const read = readJsonBody('{"a":');
    expect(read).toMatchObject({ ok: false, failure: { why: 'malformed' } });
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
