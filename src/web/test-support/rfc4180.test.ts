import { describe, expect, it } from 'vitest';
import { parseCsv } from './rfc4180.js';

describe('the strict RFC 4180 test reader', () => {
  it('reads bare and quoted fields, doubled quotes and line breaks inside quotes', () => {
    expect(parseCsv('a,"b,c","say ""hi""","x\r\ny"\r\n,,"",z\r\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'x\r\ny'],
      ['', '', '', 'z'],
    ]);
  });

  it.each([
    ['a bare quote', 'a"b\r\n'],
    ['a bare LF', 'a\nb\r\n'],
    ['text after a closing quote', '"a"b\r\n'],
    ['an unterminated quote', '"a\r\n'],
    ['no final CRLF', 'a,b'],
    ['records of different widths', 'a,b\r\nc\r\n'],
  ])('refuses %s', (_, text) => {
    expect(() => parseCsv(text)).toThrow();
  });
});
