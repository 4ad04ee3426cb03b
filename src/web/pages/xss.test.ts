// Hostile vendor text on every page and feed, rendered by the real app: nothing that could run
// (no script but ours, no on* attribute, no javascript:/data: link, no <base>/<meta refresh>/
// <form> of the vendor's), template syntax shown literally, and the CSP header on every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { createApp } from '../app.js';
import type { TestStore } from '../test-support/seed.js';
import { hostileIncidentId, hostileNow, openHostileStore } from './test-support/hostile-store.js';
import { findActiveContent, visibleText } from './test-support/inert-html.js';
import { hostileName, templateVector } from './test-support/xss-vectors.js';

let testStore: TestStore;
let app: ReturnType<typeof createApp>;
let ownScript: string;

beforeAll(async () => {
  testStore = await openHostileStore();
  app = createApp({ db: testStore.store.db, now: () => hostileNow });
  const home = await (await app.request('/')).text();
  ownScript = /<script src="([^"]+)"/.exec(home)![1]!;
});
afterAll(() => testStore.dispose());

const pages = [
  '/',
  '/incidents',
  `/incidents/${hostileIncidentId}`,
  '/vendors/evil',
  '/incidents?q=%3Cscript%3E',
  '/vendors/%3Cscript%3E',
  '/nope/%3Cimg%20src=x%20onerror=alert(1)%3E',
];

describe('hostile vendor text', () => {
  it('is looked for by a checker that does flag active content', () => {
    const bad =
      '<script src="/x.js"></script><a href="javascript:x" onclick="y">a</a><base href="/">' +
      '<form action="//evil"></form><p style="color:red">p</p><meta http-equiv="refresh">';
    expect(findActiveContent(bad, ownScript)).toEqual([
      'script "/x.js"',
      'a[href="javascript:x"]',
      'a[onclick]',
      '<base> element',
      'form posting to "//evil"',
      'form[action="//evil"]',
      'p[style]',
      '<meta http-equiv>',
    ]);
  });

  it.each(pages)('leaves %s inert, under a strict CSP', async (path) => {
    const response = await app.request(path);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(findActiveContent(html, ownScript)).toEqual([]);
  });

  it('shows the hostile strings as text: names, titles, template syntax', async () => {
    const html = await (await app.request(`/incidents/${hostileIncidentId}`)).text();
    const text = visibleText(html);
    expect(text).toContain('<script>window.__xss=1</script>Outage');
    expect(text).toContain(hostileName);
    expect(text).toContain('<svg onload="window.__xss=1">API');
    expect(text).toContain(templateVector);
    expect(text).not.toContain('49');
    // The safe link of a hostile update survives, with the rel attributes our sanitizer sets.
    expect(html).toContain('href="https://ok.example/"');
    // The vendor's javascript: source link is dropped, not rendered.
    expect(text).not.toContain('View vendor source');
    // Both later edits are listed.
    expect(text).toContain('Later edits by the vendor');
    expect(text).toContain('(edited)');
  });

  it('keeps the feeds well-formed XML with the markup escaped', async () => {
    const parser = new XMLParser({
      ignoreAttributes: false,
      processEntities: true,
      htmlEntities: false,
    });
    for (const path of [
      '/feed.atom',
      '/feed.rss',
      '/vendors/evil/feed.atom',
      '/vendors/evil/feed.rss',
    ]) {
      const response = await app.request(path);
      const xml = await response.text();
      expect(xml, path).not.toMatch(/<script/i);
      expect(xml, path).not.toMatch(/<img/i);
      expect(() => {
        parser.parse(xml, true);
      }, path).not.toThrow();
      expect(xml).not.toContain('javascript:window');
    }
  });
});
