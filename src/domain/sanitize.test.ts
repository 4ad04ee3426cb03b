import { describe, expect, it } from 'vitest';
import { bodyToText, sanitizeBody } from './sanitize.js';

describe('sanitizeBody', () => {
  it('passes plain text through with only &, <, > escaped', () => {
    expect(sanitizeBody(`We're "looking" into it & more > less`)).toBe(
      `We're "looking" into it &amp; more &gt; less`,
    );
  });

  it('keeps the allowlist and drops everything executable', () => {
    const body = sanitizeBody(
      'Fixed.<br /><script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a> <a href="https://example.com/pm" onclick="x()">postmortem</a><iframe srcdoc="<script>"></iframe><style>body{}</style>',
    );
    expect(body).toContain('Fixed.<br />');
    expect(body).toContain(
      '<a href="https://example.com/pm" rel="noopener noreferrer nofollow">postmortem</a>',
    );
    expect(body).not.toMatch(/script|onerror|onclick|javascript:|<img|<iframe|<style/i);
  });

  it.each([
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '&#106;avascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:x',
    '//evil.example',
  ])('drops the link scheme in %s', (href) => {
    expect(sanitizeBody(`<a href="${href}">x</a>`)).not.toMatch(/href/);
  });

  it('leaves template syntax as inert text', () => {
    expect(sanitizeBody('{{7*7}} ${7*7} <%= 7*7 %>')).toBe('{{7*7}} ${7*7} &lt;%= 7*7 %&gt;');
  });
});

describe('bodyToText', () => {
  it('turns breaks into new lines and decodes entities', () => {
    expect(bodyToText('Root cause:<br />a &amp; b<br><strong>done</strong>')).toBe(
      'Root cause:\na & b\ndone',
    );
  });

  it('drops script content entirely', () => {
    expect(bodyToText('hi<script>alert(1)</script>')).toBe('hi');
  });
});
