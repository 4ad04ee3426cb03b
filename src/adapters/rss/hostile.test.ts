import { describe, expect, it } from 'vitest';
import { rssAdapter } from './index.js';

const context = { statusPageUrl: 'https://status.example.com' };
const parse = (feed: string | null) => rssAdapter.parse({ feed }, context);

function atom(entries: string): string {
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>${entries}</feed>`;
}

function entry(id: string, content: string, extra = ''): string {
  return `<entry><id>${id}</id><title>Title ${id}</title><published>2025-01-01T10:00:00Z</published><updated>2025-01-01T11:00:00Z</updated>${extra}<content type="html">${content}</content></entry>`;
}

describe('rss adapter: hostile feeds', () => {
  it('refuses XXE and never reads a file', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&xxe;</title></item></channel></rss>`;
    const result = parse(xxe);
    expect(result).toEqual({ ok: false, error: expect.stringContaining('declares entities') });
    expect(JSON.stringify(result)).not.toContain('root:');
  });

  it('refuses billion laughs and a huge entity quickly', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss><channel><item><title>&lol3;</title></item></channel></rss>`;
    const big = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY big "${'x'.repeat(1_000_000)}">]><rss><channel><item><title>${'&big;'.repeat(10_000)}</title></item></channel></rss>`;
    const started = Date.now();
    expect(parse(lol).ok).toBe(false);
    expect(parse(big).ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('leaves unknown entities literal, so &lt; can never be shadowed', () => {
    const result = parse(atom(entry('a', '&amp;lt;script&amp;gt;x &amp;custom; &amp;#106;')));
    if (!result.ok) throw new Error(result.error);
    const update = result.snapshot.incidents[0]!.updates[0]!;
    expect(update.body).not.toMatch(/<script/i);
    expect(update.bodyText).toContain('<script>x');
  });

  it('renames elements called __proto__ and constructor without polluting prototypes', () => {
    const result = parse(
      atom(
        entry(
          'a',
          'x',
          '<__proto__><polluted>yes</polluted></__proto__><constructor>c</constructor>',
        ),
      ),
    );
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('sanitizes CDATA and escaped HTML exactly once', () => {
    const rss = `<rss><channel><title>x</title><item><title>&lt;b&gt;Hi&lt;/b&gt;</title><pubDate>Wed, 01 Jan 2025 10:00:00 GMT</pubDate><description><![CDATA[<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a> &lt;script&gt;]]></description></item></channel></rss>`;
    const result = parse(rss);
    if (!result.ok) throw new Error(result.error);
    const incident = result.snapshot.incidents[0]!;
    expect(incident.title).toBe('<b>Hi</b>');
    const body = incident.updates[0]!.body;
    expect(body).not.toMatch(/<script|onerror|javascript:|<img/i);
    expect(body).toContain('&lt;script&gt;');
  });

  it('treats type="xhtml" content as markup, sanitized once, and ignores xml:base', () => {
    const xhtml = atom(
      `<entry xml:base="javascript:alert(1)//"><id>x</id><title>X</title><updated>2025-01-01T00:00:00Z</updated><link href="/incidents/abcd1234"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Status: Resolved</p><script>alert(1)</script><a href="javascript:alert(1)">x</a></div></content></entry>`,
    );
    const result = parse(xhtml);
    if (!result.ok) throw new Error(result.error);
    const incident = result.snapshot.incidents[0]!;
    expect(incident.sourceUrl).toBe('https://status.example.com/incidents/abcd1234');
    expect(incident.phase).toBe('resolved');
    expect(incident.updates[0]!.body).not.toMatch(/script|javascript/i);
  });

  it('drops javascript: and other non-http links after resolution', () => {
    const links = [
      '<link href="javascript:alert(1)"/>',
      '<link href=" JaVaScRiPt:alert(1)"/>',
      '<link href="data:text/html;base64,PHNjcmlwdD4="/>',
    ];
    const result = parse(atom(links.map((link, i) => entry(`id${i}`, 'x', link)).join('')));
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.incidents.map((incident) => incident.sourceUrl)).toEqual([
      null,
      null,
      null,
    ]);
    const relative = parse(atom(entry('r', 'x', '<link href="/incidents/abcd1234"/>')));
    if (!relative.ok) throw new Error(relative.error);
    expect(relative.snapshot.incidents[0]!.sourceUrl).toBe(
      'https://status.example.com/incidents/abcd1234',
    );
  });

  it.each([
    ['JSON', '{"page":{}}'],
    ['HTML', '<!doctype html><html><body>Maintenance</body></html>'],
    ['truncated XML', '<?xml version="1.0"?><feed><entry><title>x'],
    ['empty', ''],
    ['null', null],
  ])('fails with a reason on %s, never "all clear"', (_name, body) => {
    const result = parse(body);
    expect(result.ok).toBe(false);
  });

  it('caps 10,000 items at 500 and says so', () => {
    const items = Array.from(
      { length: 10_000 },
      (_, i) =>
        `<item><title>i${i}</title><guid>g${i}</guid><pubDate>Wed, 01 Jan 2025 10:00:00 GMT</pubDate><description>Status: Resolved</description></item>`,
    ).join('');
    const result = parse(`<rss><channel><title>x</title>${items}</channel></rss>`);
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.incidents).toHaveLength(500);
    expect(result.snapshot.warnings[0]).toContain('kept the first 500 of 10000');
  });

  it('gives items without guid or link a stable id from title and date', () => {
    const rss = `<rss><channel><item><title>Outage</title><pubDate>Wed, 01 Jan 2025 10:00:00 PDT</pubDate><description>Status: Investigating</description></item></channel></rss>`;
    const first = parse(rss);
    const second = parse(rss);
    if (!first.ok || !second.ok) throw new Error('parse failed');
    expect(first.snapshot.incidents[0]!.sourceId).toMatch(/^h[0-9a-f]{20}$/);
    expect(first.snapshot.incidents[0]!.sourceId).toBe(second.snapshot.incidents[0]!.sourceId);
    expect(first.snapshot.incidents[0]!.startedAt).toBe('2025-01-01T17:00:00.000Z');
  });

  it('skips entries with unusable dates and keeps the rest', () => {
    const rss = `<rss><channel><item><title>a</title><guid>a</guid><pubDate>Tomorrow</pubDate><description>x</description></item><item><title>b</title><guid>b</guid><pubDate>Wed, 01 Jan 2025 10:00:00 GMT</pubDate><description>Status: Resolved</description></item></channel></rss>`;
    const result = parse(rss);
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.incidents.map((incident) => incident.title)).toEqual(['b']);
    expect(result.snapshot.warnings).toEqual([expect.stringContaining('no usable date')]);
  });

  it('accepts a healthy feed with no entries and a DOCTYPE without declarations', () => {
    const rss = `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Healthy</title></channel></rss>`;
    const result = parse(rss);
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.incidents).toEqual([]);
  });

  it('survives deep nesting without a stack overflow', () => {
    const deep = `<feed>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</feed>`;
    expect(() => parse(deep)).not.toThrow();
    expect(parse(deep).ok).toBe(false);
  });

  it('ignores a timeline item with an impossible date but keeps the others', () => {
    const content =
      '&lt;p&gt;&lt;small&gt;Feb 31, 10:00 UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Resolved&lt;/strong&gt; - no&lt;/p&gt;' +
      '&lt;p&gt;&lt;small&gt;Jan 1, 10:00 UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Investigating&lt;/strong&gt; - yes&lt;/p&gt;';
    const result = parse(
      atom(entry('a', content, '<link href="https://status.example.com/incidents/aaaa1111"/>')),
    );
    if (!result.ok) throw new Error(result.error);
    const incident = result.snapshot.incidents[0]!;
    expect(incident.updates.map((u) => u.bodyText)).toEqual(['yes']);
    expect(incident.phase).toBe('investigating');
  });
});
