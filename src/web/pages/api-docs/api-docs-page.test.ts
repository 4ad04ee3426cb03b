// GET /api/docs: the OpenAPI document's reader, served whole by vendorwatch under the pages'
// policy less Trusted Types only, with Swagger UI's files at versioned, year-long paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { openTestStore, vendor, type TestStore } from '../../test-support/seed.js';

const now = '2025-09-10T22:10:00.000Z';
let testStore: TestStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  testStore = await openTestStore([vendor('balena', 'Balena')], now);
  app = createApp({ db: testStore.store.db, now: () => now });
});
afterAll(() => testStore.dispose());

function directives(policy: string | null): Map<string, string> {
  return new Map(
    (policy ?? '').split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('GET /api/docs', () => {
  it('keeps scripts and styles to this server, and relaxes nothing but Trusted Types', async () => {
    const response = await app.request('/api/docs');
    expect(response.status).toBe(200);
    const docs = directives(response.headers.get('content-security-policy'));
    const page = directives((await app.request('/')).headers.get('content-security-policy'));
    expect(docs.get('script-src')).toBe("'self'");
    expect(docs.get('style-src')).toBe("'self'");
    expect(docs.get('default-src')).toBe("'none'");
    expect(page.has('require-trusted-types-for')).toBe(true);
    page.delete('require-trusted-types-for');
    expect(docs).toEqual(page);
  });

  it('names only its own files: no CDN, no inline script or style', async () => {
    const html = await (await app.request('/api/docs')).text();
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);
    expect(urls.length).toBeGreaterThan(5);
    // Same-origin paths or in-page anchors only.
    for (const url of urls) expect(url, url).toMatch(/^(\/(?!\/)|#)/);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.slice(-2)).toEqual([
      expect.stringMatching(/^\/assets\/swagger-ui\/\d+\.\d+\.\d+\/swagger-ui-bundle\.js$/),
      expect.stringMatching(/^\/assets\/api-docs\.js\?v=/),
    ]);
    expect(html).toContain('data-openapi-url="/api/openapi.json"');
  });

  it("serves Swagger UI's files for a year at their versioned path, and nothing else", async () => {
    const html = await (await app.request('/api/docs')).text();
    const bundle = /<script src="(\/assets\/swagger-ui\/[^"]+)"/.exec(html)![1]!;
    const css = /href="(\/assets\/swagger-ui\/[^"]+\.css)"/.exec(html)![1]!;
    const js = await app.request(bundle);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await js.text()).length).toBeGreaterThan(100_000);
    const style = await app.request(css);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const again = await app.request(css, {
      headers: { 'if-none-match': style.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    expect((await app.request('/assets/swagger-ui/0.0.1/swagger-ui.css')).status).toBe(404);
    const other = bundle.replace('swagger-ui-bundle.js', 'index.html');
    expect((await app.request(other)).status).toBe(404);
  });

  it("is where every page's footer link to the API leads", async () => {
    for (const path of ['/', '/incidents', '/deliveries', '/vendors/balena']) {
      const html = await (await app.request(path)).text();
      expect(html, path).toContain('<a href="/api/docs">API</a>');
    }
  });
});
