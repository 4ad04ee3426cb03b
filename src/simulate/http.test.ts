import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip } from './http-handler.js';
import { parseTimeline, startSimulator, type Simulator } from './index.js';
import { getJson, rawGet } from './test-support/raw-http.js';

describe('HTTP behaviour of a fake Statuspage page', () => {
  let sim: Simulator;
  let summaryUrl: string;

  beforeAll(async () => {
    // incidentRate 0: nothing changes, so every body stays the same during these checks.
    sim = await startSimulator({ vendors: 3, incidentRate: 0, seed: 3 });
    summaryUrl = `${sim.vendors[1]!.baseUrl}/api/v2/summary.json`;
  });
  afterAll(async () => {
    await sim.close();
  });

  it('sends JSON with a weak ETag, Last-Modified and Statuspage cache headers', async () => {
    const res = await rawGet(summaryUrl);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    expect(Date.parse(String(res.headers['last-modified']))).not.toBeNaN();
    expect(res.headers['cache-control']).toMatch(/(^|, )max-age=10(,|$)/);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(JSON.parse(res.body.toString()).page.name).toBe(sim.vendors[1]!.name);
  });

  it('answers 304 to a matching If-None-Match, weak or strong, alone or in a list', async () => {
    const { headers } = await rawGet(summaryUrl);
    const etag = String(headers.etag);
    const strong = etag.replace(/^W\//, '');
    for (const value of [etag, strong, `"nope", ${etag}`, '*']) {
      const res = await rawGet(summaryUrl, { 'if-none-match': value });
      expect(res.status, value).toBe(304);
      expect(res.body.length).toBe(0);
      expect(res.headers.etag).toBe(etag);
    }
    expect((await rawGet(summaryUrl, { 'if-none-match': 'W/"other"' })).status).toBe(200);
  });

  it('honours If-Modified-Since only without If-None-Match', async () => {
    const { headers } = await rawGet(summaryUrl);
    const lastModified = String(headers['last-modified']);
    expect((await rawGet(summaryUrl, { 'if-modified-since': lastModified })).status).toBe(304);
    const stale = { 'if-modified-since': lastModified, 'if-none-match': 'W/"other"' };
    expect((await rawGet(summaryUrl, stale)).status).toBe(200);
    const old = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    expect((await rawGet(summaryUrl, { 'if-modified-since': old })).status).toBe(200);
  });

  it('gzips when the client accepts it, with the same ETag and content', async () => {
    const plain = await rawGet(summaryUrl);
    const zipped = await rawGet(summaryUrl, { 'accept-encoding': 'br, gzip;q=0.8' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.etag).toBe(plain.headers.etag);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    const refused = await rawGet(summaryUrl, { 'accept-encoding': 'gzip;q=0, deflate' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('parses Accept-Encoding', () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('deflate, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip; q=0.000')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('br')).toBe(false);
  });

  it('answers HEAD without a body, 404 for unknown paths or vendors, 405 for writes', async () => {
    const head = await rawGet(summaryUrl, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await rawGet(`${sim.vendors[0]!.baseUrl}/api/v2/nothing.json`)).status).toBe(404);
    expect((await rawGet(`${sim.controlUrl}/v/no-such-vendor/api/v2/summary.json`)).status).toBe(
      404,
    );
    expect((await rawGet(`${sim.controlUrl}/api/v2/summary.json`)).status).toBe(404);
    const post = await rawGet(summaryUrl, {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('ignores query strings and serves the documented extra endpoints', async () => {
    const base = sim.vendors[2]!.baseUrl;
    expect((await rawGet(`${base}/api/v2/incidents.json?page=2`)).status).toBe(200);
    for (const path of [
      'incidents/unresolved',
      'scheduled-maintenances/upcoming',
      'scheduled-maintenances/active',
    ]) {
      expect((await rawGet(`${base}/api/v2/${path}.json`)).status, path).toBe(200);
    }
  });

  it('lists its vendors for a harness in another process', async () => {
    const body = (await getJson(`${sim.controlUrl}/_sim/vendors`)) as { vendors: unknown };
    expect(body.vendors).toEqual(sim.vendors);
  });
});

describe('a change becomes visible as a new body', () => {
  const timeline = parseTimeline({
    vendors: [
      {
        slug: 'acme',
        name: 'Acme',
        components: [{ id: 'c1', name: 'API' }],
        steps: [{ afterMs: 0 }, { afterMs: 150, components: { c1: 'major_outage' } }],
      },
    ],
  });

  it('changes the ETag, drops the 304 and records when the new body started', async () => {
    const sim = await startSimulator({ timeline });
    try {
      const url = `${sim.vendors[0]!.baseUrl}/api/v2/summary.json`;
      const first = await rawGet(url);
      const etag = String(first.headers.etag);
      expect((await rawGet(url, { 'if-none-match': etag })).status).toBe(304);
      const deadline = Date.now() + 3_000;
      while (sim.visibility().length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const after = await rawGet(url, { 'if-none-match': etag });
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(etag);
      const summary = JSON.parse(after.body.toString());
      expect(summary.components[0].status).toBe('major_outage');
      expect(summary.status.indicator).toBe('critical');
      const [record] = sim.visibility();
      expect(record).toMatchObject({
        vendorSlug: 'acme',
        kind: 'component_changed',
        componentId: 'c1',
      });
      expect(record!.visibleAt).toBeLessThanOrEqual(after.receivedAt);
      const control = await getJson(`${sim.controlUrl}/_sim/visibility?since=0`);
      expect(control).toEqual({ records: sim.visibility(), next: 1 });
      expect(await getJson(`${sim.controlUrl}/_sim/visibility?since=1`)).toEqual({
        records: [],
        next: 1,
      });
    } finally {
      await sim.close();
    }
  });
});

describe('incident pages for source links', () => {
  it('serves an escaped HTML page at /incidents/<id>, by vendor path or alone', async () => {
    const timeline = parseTimeline({
      vendors: [
        {
          slug: 'acme',
          name: 'Acme',
          components: [{ id: 'c1', name: 'API' }],
          steps: [
            {
              afterMs: 0,
              incidents: [
                {
                  id: 'abc123def456',
                  name: 'API <down>',
                  status: 'investigating',
                  impact: 'major',
                  updates: [
                    {
                      id: 'u1',
                      status: 'investigating',
                      body: '<script>alert(1)</script> looking',
                      at: '2025-01-01T10:00:00Z',
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    const sim = await startSimulator({ timeline });
    try {
      for (const url of [
        `${sim.vendors[0]!.baseUrl}/incidents/abc123def456`,
        `${sim.controlUrl}/incidents/abc123def456`,
      ]) {
        const res = await rawGet(url);
        expect(res.status, url).toBe(200);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        const html = res.body.toString();
        expect(html).toContain('<h1>API &lt;down&gt;</h1>');
        expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; looking');
        expect(html).not.toContain('<script>');
      }
      expect((await rawGet(`${sim.controlUrl}/incidents/nope`)).status).toBe(404);
    } finally {
      await sim.close();
    }
  });
});
