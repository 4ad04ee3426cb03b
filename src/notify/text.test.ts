import { describe, expect, it } from 'vitest';
import { httpUrl, oneLine, paragraph, truncate } from './text.js';

describe('text helpers', () => {
  it('never cuts inside a surrogate pair', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('ab😀cd', 5)).toBe('ab😀…');
    expect(truncate('short', 10)).toBe('short');
  });

  it('makes one line of anything', () => {
    expect(oneLine('a\r\nBcc: x\u0000\u2028 b\t c', 100)).toBe('a Bcc: x b c');
  });

  it('keeps paragraphs but drops control characters and runs of blank lines', () => {
    expect(paragraph('  one\u0007\r\n\r\n\r\n\r\ntwo  \n', 100)).toBe('one\n\ntwo');
  });

  it('accepts only http(s) links', () => {
    expect(httpUrl('https://status.balena.io/x')).toBe('https://status.balena.io/x');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'ftp://x', 'not a url', null]) {
      expect(httpUrl(bad)).toBeNull();
    }
  });
});
