// Fixed-host platforms (named hosts mapped to a loopback replica by an injected resolver) and
// the address guard: detection never reaches a private address unless the config allows it.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createFetcher, type FetcherConfig } from '../fetch/fetcher.js';
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

const zone: Record<string, string[]> = {
  'status.slack.com': ['127.0.0.1'],
  'status.heroku.com': ['127.0.0.1'],
  'status.cloud.google.com': ['127.0.0.1'],
  'health.aws.amazon.com': ['127.0.0.1'],
  'azure.status.microsoft': ['127.0.0.1'],
  'status.acme.test': ['127.0.0.1'],
  'intranet.acme.test': ['10.0.0.1'],
};

function fetcherWith(overrides: Partial<FetcherConfig>) {
  return createFetcher({
    ...defaultFetcherSettings,
    totalTimeoutMs: 5_000,
    resolve: (host) =>
      zone[host]
        ? Promise.resolve(zone[host])
        : Promise.reject(Object.assign(new Error(`no such host ${host}`), { code: 'ENOTFOUND' })),
    ...overrides,
  });
}

const loopbackOnly = fetcherWith({ allowedPrivateRanges: ['127.0.0.1/32'] });
const strict = fetcherWith({});

afterAll(() => Promise.all([loopbackOnly.close(), strict.close()]));

const replicas: Replica[] = [];
afterEach(async () => {
  await Promise.all(replicas.splice(0).map((replica) => replica.close()));
});

async function replica(routes: Record<string, Reply>): Promise<Replica> {
  const started = await startReplica(routes);
  replicas.push(started);
  return started;
}

describe('fixed hosts: the name decides, one request through the adapter confirms', () => {
  const cases = [
    {
      host: 'status.slack.com',
      paste: '/',
      platform: 'slack',
      routes: { '/api/v2.0.0/current': json('slack', 'current.2020-07-30.incident.json') },
      configured: '',
    },
    {
      host: 'status.heroku.com',
      paste: '/incidents/2000',
      platform: 'heroku',
      routes: {
        '/api/v4/current-status': json('heroku', 'current-status.2019-10-24.incident.json'),
      },
      configured: '',
    },
    {
      host: 'status.cloud.google.com',
      paste: '/',
      platform: 'gcp',
      routes: { '/incidents.json': json('gcp', 'incidents.2022-07-01.first5.json') },
      configured: '',
    },
    {
      host: 'health.aws.amazon.com',
      paste: '/health/status',
      platform: 'aws',
      routes: { '/public/currentevents': json('aws', 'currentevents.docs-shape.utf16le.json') },
      configured: '/health/status',
    },
    {
      host: 'azure.status.microsoft',
      paste: '/en-us/status/',
      platform: 'azure',
      routes: {
        '/en-us/status/feed/': xml('azure', 'feed.docs-shape.healthy.xml', 'application/rss+xml'),
      },
      configured: '/en-us/status/',
    },
  ] as const;

  for (const { host, paste, platform, routes, configured } of cases) {
    it(`${platform} at ${host}`, async () => {
      const page = await replica(routes);
      const detection = await detectPlatform(loopbackOnly, page.url(paste, host));
      expect(detection).toMatchObject({
        ok: true,
        platform,
        confidence: 'high',
        statusPageUrl: page.url(configured, host),
      });
      expect(page.requests).toHaveLength(1);
    });
  }

  it('a fixed host whose API does not parse is still named, with medium confidence', async () => {
    const page = await replica({ '/api/v4/current-status': html('maintenance page') });
    const detection = await detectPlatform(loopbackOnly, page.url('/', 'status.heroku.com'));
    expect(detection).toMatchObject({ ok: true, platform: 'heroku', confidence: 'medium' });
    expect(detection.ok && detection.evidence).toContain('did not parse');
  });
});

describe('the address guard', () => {
  it('refuses a loopback page when private addresses are not allowed, after one attempt', async () => {
    const page = await replica({ '/': html('Powered by Atlassian Statuspage') });
    const detection = await detectPlatform(strict, page.url('/'));
    expect(detection).toMatchObject({ ok: false, tried: [page.url('')] });
    expect(detection.ok ? '' : detection.error).toMatch(/^refused by the address guard: /);
    expect(page.requests).toEqual([]);
  });

  it('refuses a fixed host that resolves to a private address', async () => {
    const page = await replica({
      '/api/v4/current-status': json('heroku', 'current-status.2019-10-24.incident.json'),
    });
    const detection = await detectPlatform(strict, page.url('/', 'status.heroku.com'));
    expect(detection).toMatchObject({ ok: false });
    expect(detection.ok ? '' : detection.error).toContain('refused by the address guard');
    expect(page.requests).toEqual([]);
  });

  it('allows exactly the configured range: a named host on 127.0.0.1 works', async () => {
    const page = await replica({
      '/api/v2/summary.json': json('statuspage', 'summary.github.2026-07-31.operational.json'),
    });
    const detection = await detectPlatform(loopbackOnly, page.url('/', 'status.acme.test'));
    expect(detection).toMatchObject({
      ok: true,
      platform: 'statuspage',
      statusPageUrl: page.url('', 'status.acme.test'),
    });
  });

  it('refuses a redirect to a private address outside the allowed range', async () => {
    const page = await replica({
      '/': { status: 302, location: 'http://intranet.acme.test/' },
    });
    const detection = await detectPlatform(loopbackOnly, page.url('/', 'status.acme.test'));
    expect(detection).toMatchObject({ ok: false, tried: [page.url('', 'status.acme.test')] });
    expect(detection.ok ? '' : detection.error).toMatch(/redirect 1 refused/);
  });

  it('stops at once when the host does not resolve', async () => {
    const detection = await detectPlatform(loopbackOnly, 'http://nowhere.acme.test/');
    expect(detection).toMatchObject({ ok: false, tried: ['http://nowhere.acme.test'] });
    expect(detection.ok ? '' : detection.error).toContain('could not be reached');
  });
});
