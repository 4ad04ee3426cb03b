// detectPlatform against loopback replicas of each page-hosted platform, served from the real
// fixtures, through the real fetcher (which allows only 127.0.0.1 here).
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createFetcher } from '../fetch/fetcher.js';
import { defaultFetcherSettings } from '../fetch/types.js';
import { detectPlatform } from './detect.js';
import {
  html,
  json,
  startReplica,
  xml,
  type Replica,
  type Reply,
} from './detect/test-support/replica.js';

const fetcher = createFetcher({
  ...defaultFetcherSettings,
  totalTimeoutMs: 5_000,
  allowedPrivateRanges: ['127.0.0.1/32'],
});

afterAll(() => Promise.all([fetcher.close()]));

const replicas: Replica[] = [];
afterEach(async () => {
  await Promise.all(replicas.splice(0).map((replica) => replica.close()));
});

async function replica(routes: Record<string, Reply>, fallback?: Reply): Promise<Replica> {
  const started = await startReplica(routes, fallback);
  replicas.push(started);
  return started;
}

const statusioId = '533c6539221ae15e3f000031';
const softNotFound = html('<div id="app">Loading…</div>');

describe('detectPlatform on loopback replicas', () => {
  it('Statuspage: HTML marker, then summary.json with a 12-char page id (two requests)', async () => {
    const page = await replica({
      '/': html(
        '<a href="https://www.atlassian.com/software/statuspage">Powered by Atlassian Statuspage</a>',
      ),
      '/api/v2/summary.json': json('statuspage', 'summary.github.2026-07-31.operational.json'),
    });
    const detection = await detectPlatform(fetcher, page.url('/'));
    expect(detection).toMatchObject({
      ok: true,
      platform: 'statuspage',
      confidence: 'high',
      statusPageUrl: page.url(''),
    });
    expect(detection.ok && detection.evidence).toContain('kctbh9vrtdwd');
    expect(page.requests).toEqual(['/', '/api/v2/summary.json']);
  });

  it('Statuspage from a pasted incident link keeps only the page base', async () => {
    const page = await replica({
      '/api/v2/summary.json': json(
        'statuspage',
        'summary.cloudamqp.2020-07-16.maintenance-in-progress.json',
      ),
    });
    const detection = await detectPlatform(fetcher, page.url('/incidents/abc123xyz?u=1'));
    expect(detection).toMatchObject({
      ok: true,
      platform: 'statuspage',
      statusPageUrl: page.url(''),
    });
    expect(page.requests[0]).toBe('/');
  });

  it('incident.io: a Next.js page reading /proxy/ and a ULID page id', async () => {
    const page = await replica({
      '/': html('<script>self.__next_f.push([1,"fetch(\\"/proxy/status.example\\")"])</script>'),
      '/api/v2/summary.json': json('incidentio', 'api-v2-summary.openai.2026-07.json'),
    });
    const detection = await detectPlatform(fetcher, page.url('/'));
    expect(detection).toMatchObject({ ok: true, platform: 'incidentio', confidence: 'high' });
    expect(detection.ok && detection.evidence).toContain('01JMDK9XYNY6RXSED6SDWW50WY');
    expect(page.requests).toEqual(['/', '/api/v2/summary.json']);
  });

  it('Instatus: the hinted /summary.json is probed before Statuspage paths', async () => {
    const page = await replica(
      {
        '/': html('<img src="https://lang.instatus.com/logo.svg">'),
        '/summary.json': json('instatus', 'summary.instatus-docs-example.2022-06.json'),
      },
      softNotFound,
    );
    const detection = await detectPlatform(fetcher, page.url('/'));
    expect(detection).toMatchObject({ ok: true, platform: 'instatus', confidence: 'high' });
    expect(page.requests).toEqual(['/', '/summary.json']);
  });

  it('Better Stack: every path answers 200 HTML, so only index.json decides', async () => {
    const page = await replica(
      { '/index.json': json('betterstack', 'index.docs-shape.json') },
      softNotFound,
    );
    const detection = await detectPlatform(fetcher, page.url('/'));
    expect(detection).toMatchObject({ ok: true, platform: 'betterstack', confidence: 'high' });
    expect(page.requests).toEqual(['/', '/api/v2/summary.json', '/summary.json', '/index.json']);
  });

  it('Cachet 2: /api/v1/ping answers Pong!', async () => {
    const page = await replica({
      '/': html('<footer>Powered by <a href="https://cachethq.io">Cachet</a></footer>'),
      '/api/v1/ping': { body: '{"data":"Pong!"}' },
      '/api/v1/components': json('cachet', 'v1-components.yoti.2020-10.json'),
    });
    const detection = await detectPlatform(fetcher, page.url('/'));
    expect(detection).toMatchObject({
      ok: true,
      platform: 'cachet',
      confidence: 'high',
      statusPageUrl: page.url(''),
    });
    expect(page.requests).toEqual(['/', '/api/v1/ping']);
  });

  it('Cachet 3: /api/ping, configured with the /api suffix the adapter reads as Cachet 3', async () => {
    const page = await replica({
      '/api/ping': { body: '{"data":"Pong!"}' },
      '/api/components': json('cachet', 'v3-api-components.docs-shape.json'),
    });
    const detection = await detectPlatform(fetcher, page.url('/'));
    expect(detection).toMatchObject({
      ok: true,
      platform: 'cachet',
      statusPageUrl: page.url('/api'),
    });
  });

  it('status.io: the page id comes from the HTML, with no JSON probe', async () => {
    const page = await replica({
      '/': html(`<a href="/pages/history/${statusioId}">History</a> Powered by status.io`),
    });
    const detection = await detectPlatform(fetcher, page.url('/'));
    expect(detection).toMatchObject({
      ok: true,
      platform: 'statusio',
      confidence: 'high',
      statusPageUrl: page.url(`/pages/history/${statusioId}`),
    });
    expect(page.requests).toEqual(['/']);
  });

  it('RSS: a feed the page advertises, when no JSON API answers', async () => {
    const link = '<link rel="alternate" type="application/atom+xml" href="/feeds/incidents.atom">';
    const page = await replica({
      '/': html('<h1>Acme status</h1>', link),
      '/feeds/incidents.atom': xml('rss', 'history.github.2025-07-07.atom'),
    });
    const detection = await detectPlatform(fetcher, page.url('/'));
    expect(detection).toMatchObject({
      ok: true,
      platform: 'rss',
      confidence: 'medium',
      statusPageUrl: page.url('/feeds/incidents.atom'),
    });
    expect(page.requests.at(-1)).toBe('/feeds/incidents.atom');
  });

  it('RSS: a conventional /history.rss when the page advertises nothing', async () => {
    const page = await replica({
      '/history.rss': xml('rss', 'history.statuspage-rss.docs-shape.xml', 'application/rss+xml'),
    });
    const detection = await detectPlatform(fetcher, page.url('/'));
    expect(detection).toMatchObject({
      ok: true,
      platform: 'rss',
      statusPageUrl: page.url('/history.rss'),
    });
  });

  it('RSS: a pasted feed URL is fetched once and used as is', async () => {
    const page = await replica({
      '/feed.atom': xml('rss', 'feed.incidentio.docs-shape.atom'),
    });
    const detection = await detectPlatform(fetcher, page.url('/feed.atom'));
    expect(detection).toMatchObject({
      ok: true,
      platform: 'rss',
      confidence: 'high',
      statusPageUrl: page.url('/feed.atom'),
    });
    expect(page.requests).toEqual(['/feed.atom']);
  });

  it('a Statuspage imitator (other id shape) is Statuspage-compatible with medium confidence', async () => {
    const page = await replica({
      '/api/v2/summary.json': {
        body: JSON.stringify({
          page: { id: 'home-grown-7' },
          status: { indicator: 'none' },
          components: [],
        }),
      },
    });
    const detection = await detectPlatform(fetcher, page.url('/'));
    expect(detection).toMatchObject({ ok: true, platform: 'statuspage', confidence: 'medium' });
  });

  it('follows a redirect to the page on another host and configures the new base', async () => {
    const target = await replica({
      '/': html('Powered by Atlassian Statuspage'),
      '/api/v2/summary.json': json('statuspage', 'summary.github.2026-07-31.operational.json'),
    });
    const old = await replica({ '/': { status: 301, location: target.url('/') } });
    const detection = await detectPlatform(fetcher, old.url('/'));
    expect(detection).toMatchObject({
      ok: true,
      platform: 'statuspage',
      statusPageUrl: target.url(''),
    });
    expect(old.requests).toEqual(['/']);
  });

  it('names every URL it tried when nothing fits', async () => {
    const page = await replica({ '/': html('<h1>Just a website</h1>') });
    const detection = await detectPlatform(fetcher, page.url('/'));
    const base = page.url('');
    const paths = [
      '/api/v2/summary.json',
      '/summary.json',
      '/index.json',
      '/api/v1/ping',
      '/api/ping',
    ];
    const feeds = ['/history.atom', '/history.rss', '/feed.atom', '/feed.rss'];
    expect(detection).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^no known status page platform found at http:\/\/127\.0\.0\.1:\d+: /,
      ),
      tried: [base, ...paths.map((p) => base + p), ...feeds.map((p) => base + p)],
    });
    expect(detection.ok ? '' : detection.error).toContain('HTTP 404');
  });

  it('says what the page looked like when its API does not answer', async () => {
    const page = await replica({ '/': html('Powered by Atlassian Statuspage') });
    const detection = await detectPlatform(fetcher, page.url('/'));
    expect(detection.ok).toBe(false);
    expect(detection.ok ? '' : detection.error).toContain(
      'names Atlassian Statuspage, but its API did not answer',
    );
  });

  it('rejects what is not an http(s) URL without any request', async () => {
    expect(await detectPlatform(fetcher, 'ftp://status.example.com')).toMatchObject({
      ok: false,
      tried: [],
    });
    expect(await detectPlatform(fetcher, 'not a url')).toMatchObject({ ok: false, tried: [] });
  });
});
