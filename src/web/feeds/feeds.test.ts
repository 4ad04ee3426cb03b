// The four feeds through the real app, read back with a real feed parser (feedsmith) after a
// strict well-formedness check (fast-xml-parser's validator).
import { XMLValidator } from 'fast-xml-parser';
import { parseFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { balenaIncidentId, now, seedScenario, type Scenario } from '../test-support/scenario.js';
import { xmlText } from './xml.js';

let scenario: Scenario;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  scenario = await seedScenario();
  app = createApp({ db: scenario.testStore.store.db, now: () => now });
});
afterAll(() => scenario.testStore.dispose());

async function feed(path: string) {
  const response = await app.request(`http://vw.example${path}`);
  const xml = await response.text();
  expect(XMLValidator.validate(xml), path).toBe(true);
  return { response, xml, parsed: parseFeed(xml) };
}

describe('the feeds', () => {
  it('Atom: every vendor, latest change first, each incident with all its updates', async () => {
    const { response, parsed } = await feed('/feed.atom');
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(parsed.format).toBe('atom');
    if (parsed.format !== 'atom') return;
    const entries = parsed.feed.entries!;
    expect(entries.length).toBe(50);
    expect(entries[0]!.title?.value).toBe('Balena: Elevated API errors on balenaCloud');
    expect(entries[0]!.id).toBe(`urn:vendorwatch:incident:${balenaIncidentId}`);
    expect(entries[0]!.links?.[0]?.href).toBe(`http://vw.example/incidents/${balenaIncidentId}`);
    const html = entries[0]!.content?.value ?? '';
    // The duration is said once, by the summary; the state says when it ended.
    expect(html).toContain('lasting 8h 20m. Resolved Sep 10, 2025, 10:07 PM UTC.</p>');
    expect(html.match(/8h 20m/g)).toHaveLength(1);
    expect(html.indexOf('Resolved — Sep 10, 2025, 10:07 PM UTC')).toBeLessThan(
      html.indexOf('Investigating —'),
    );
    expect(html).toContain('We are <b>investigating</b> errors.');
    expect(parsed.feed.links?.find((link) => link.rel === 'self')?.href).toBe(
      'http://vw.example/feed.atom',
    );
    // The open GitHub incident is in, however many newer ones there are.
    expect(entries.some((entry) => entry.id === 'urn:vendorwatch:incident:github-gh-active')).toBe(
      true,
    );
    const updated = entries.map((entry) => entry.updated!);
    expect([...updated].sort().reverse()).toEqual(updated);
  });

  it('RSS: the same entries for one vendor, with RFC 822 dates and stable guids', async () => {
    const { response, parsed } = await feed('/vendors/balena/feed.rss');
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(parsed.format).toBe('rss');
    if (parsed.format !== 'rss') return;
    const items = parsed.feed.items!;
    expect(items.map((item) => item.guid?.value)).toEqual([
      'urn:vendorwatch:incident:balena-8gq2x9k1mlh4',
      'urn:vendorwatch:incident:balena-mnt1',
      'urn:vendorwatch:incident:balena-old1',
    ]);
    expect(items[0]!.pubDate).toBe('Wed, 10 Sep 2025 22:07:31 GMT');
    expect(items[0]!.guid?.isPermaLink).toBe(false);
    expect(parsed.feed.title).toBe('Balena incidents (vendorwatch)');
  });

  it('serves the global RSS and per-vendor Atom feeds, 404 for an unknown vendor, 304 on a match', async () => {
    expect((await feed('/feed.rss')).parsed.format).toBe('rss');
    expect((await feed('/vendors/github/feed.atom')).parsed.format).toBe('atom');
    expect((await app.request('/vendors/nobody/feed.atom')).status).toBe(404);
    const first = await app.request('/feed.atom');
    const again = await app.request('/feed.atom', {
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('escapes markup and drops characters XML 1.0 cannot carry', () => {
    expect(xmlText('a<b>&"\'\u0000\u0008\uFFFE\ud800z')).toBe('a&lt;b&gt;&amp;&quot;&apos;z');
    expect(xmlText('tab\tnew\nline 😀')).toBe('tab\tnew\nline 😀');
  });
});
