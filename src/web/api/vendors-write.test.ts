// POST /api/v1/vendors through the app, with the real detector (fetcher + address guard) against
// loopback replicas and a real SQLite store.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../fetch/fetcher.js';
import { defaultFetcherSettings } from '../../fetch/types.js';
import { createVendorDetector } from '../../poll/detect-vendor.js';
import { html, json, startReplica, type Replica } from '../../poll/detect/test-support/replica.js';
import { createApp } from '../app.js';
import { jsonBody } from '../test-support/json-body.js';
import { openTestStore, vendor, type TestStore } from '../test-support/seed.js';

const now = '2026-03-01T12:00:00.000Z';
const token = 'admin-secret-0123456789';
// The fetcher allows loopback (as a config would); `strict` shows the guard refusing first.
const fetcher = createFetcher({
  ...defaultFetcherSettings,
  totalTimeoutMs: 5_000,
  allowedPrivateRanges: ['127.0.0.1/32'],
});
const loopback = createVendorDetector(fetcher, {
  allowPrivateAddresses: false,
  allowedPrivateRanges: ['127.0.0.1/32'],
});
const strict = createVendorDetector(fetcher, { allowPrivateAddresses: false });

let testStore: TestStore;
beforeAll(async () => {
  testStore = await openTestStore([vendor('github', 'GitHub')], now);
});
afterAll(async () => {
  await testStore.dispose();
  await fetcher.close();
});

const replicas: Replica[] = [];
afterEach(async () => {
  await Promise.all(replicas.splice(0).map((replica) => replica.close()));
});

async function statuspage(): Promise<Replica> {
  const replica = await startReplica({
    '/': html('Powered by Atlassian Statuspage'),
    '/api/v2/summary.json': json('statuspage', 'summary.github.2026-07-31.operational.json'),
    '/api/v2/incidents.json': json('statuspage', 'incidents.github.2026-07-31.first13.json'),
  });
  replicas.push(replica);
  return replica;
}

function appWith(detectVendor = loopback) {
  return createApp({
    db: testStore.store.db,
    now: () => now,
    vendorWrites: { adminToken: token, detectVendor, defaultIntervalSeconds: 120 },
  });
}

async function post(body: unknown, headers: Record<string, string> = {}, app = appWith()) {
  const response = await app.request('/api/v1/vendors', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { response, body: await jsonBody(response) };
}

describe('POST /api/v1/vendors', () => {
  it('does not exist without an admin token', async () => {
    const app = createApp({ db: testStore.store.db, now: () => now });
    const response = await app.request('/api/v1/vendors', { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(await jsonBody(response)).toMatchObject({ error: { code: 'not_found' } });
  });

  it('needs the admin token as a Bearer credential', async () => {
    for (const authorization of ['', 'Bearer wrong', `Basic ${token}`, `Bearer ${token}x`]) {
      const { response, body } = await post({ url: 'https://status.acme.com' }, { authorization });
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(body.error.code).toBe('unauthorized');
    }
  });

  it('refuses malformed requests before any network request', async () => {
    const replica = await statuspage();
    const url = replica.url('/');
    const cases: Array<[unknown, Record<string, string>, number, string]> = [
      [{ url }, { 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
      ['{"url":', {}, 400, 'invalid_body'],
      [[url], {}, 400, 'invalid_body'],
      [{ url: 'ftp://status.acme.com' }, {}, 400, 'invalid_body'],
      [{ url, slug: 'Not A Slug' }, {}, 400, 'invalid_body'],
      [{ url, interval: '0s' }, {}, 400, 'invalid_body'],
      [{ url, interval: 1.5 }, {}, 400, 'invalid_body'],
      [{ url, category: 'snacks' }, {}, 400, 'invalid_body'],
      [{ url, admin: true }, {}, 400, 'invalid_body'],
      [{ url, name: 'x'.repeat(17_000) }, {}, 400, 'invalid_body'],
      [{ url, slug: 'github' }, {}, 409, 'conflict'],
    ];
    for (const [body, headers, status, code] of cases) {
      const result = await post(body, headers);
      expect(
        [result.response.status, result.body.error.code],
        JSON.stringify(body).slice(0, 80),
      ).toEqual([status, code]);
    }
    expect(replica.requests).toEqual([]);
  });

  it('detects the page, stores the vendor and lists it', async () => {
    const replica = await statuspage();
    const { response, body } = await post({
      url: replica.url('/incidents/abc'),
      slug: 'acme',
      name: 'Acme Cloud',
      interval: '5m',
      category: 'cloud',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/api/v1/vendors/acme');
    expect(body).toEqual({
      vendor: {
        slug: 'acme',
        name: 'Acme Cloud',
        statusPageUrl: replica.url(''),
        platform: 'statuspage',
        category: 'cloud',
        intervalSeconds: 300,
      },
      detection: { confidence: 'high', evidence: expect.stringContaining('kctbh9vrtdwd') },
    });
    const row = await testStore.store.db
      .selectFrom('vendors')
      .select(['source', 'enabled'])
      .where('slug', '=', 'acme')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'api', enabled: 1 });
    const listed = await appWith().request('/api/v1/vendors/acme');
    expect(listed.status).toBe(200);
    expect(await jsonBody(listed)).toMatchObject({ slug: 'acme', name: 'Acme Cloud' });

    // The same page again, under another slug and spelling, is a conflict naming its vendor.
    const sameUrl = await post({ url: replica.url('/'), slug: 'other' });
    expect([sameUrl.response.status, sameUrl.body.error]).toEqual([
      409,
      {
        code: 'conflict',
        message: `${replica.url('/')} is already watched by vendor "acme" (Acme Cloud)`,
      },
    ]);

    // Without a slug one is suggested from the host and the name is the page's own (page.name);
    // the same suggestion again is a conflict.
    const other = await statuspage();
    const suggested = await post({ url: other.url('/') });
    expect(suggested.response.status).toBe(201);
    expect(suggested.body.vendor).toMatchObject({
      slug: '127',
      name: 'GitHub',
      intervalSeconds: 120,
    });
    const again = await post({ url: other.url('/') });
    expect([again.response.status, again.body.error.code]).toEqual([409, 'conflict']);
    expect(again.body.error.message).toContain('already watched by vendor "127" (GitHub)');
  });

  it('takes a catalog slug instead of a URL, and refuses one already watched', async () => {
    const watched = await post({ slug: 'github' });
    expect([watched.response.status, watched.body.error]).toEqual([
      409,
      {
        code: 'conflict',
        message: 'a vendor "github" already exists (GitHub); choose another slug',
      },
    ]);
    const { response, body } = await post({ slug: 'cloudflare', interval: '5m' });
    expect(response.status).toBe(201);
    expect(body.vendor).toEqual({
      slug: 'cloudflare',
      name: 'Cloudflare',
      statusPageUrl: 'https://www.cloudflarestatus.com',
      platform: 'statuspage',
      category: 'cdn-dns',
      intervalSeconds: 300,
    });
    const unknown = await post({ slug: 'no-such-vendor' });
    expect(unknown.response.status).toBe(422);
    expect(unknown.body.error.message).toMatch(/"no-such-vendor" is not in the catalog/);
    const typo = await post({ slug: 'cloudflar' });
    expect(typo.response.status).toBe(422);
    expect(typo.body.error.message).toMatch(
      /^"cloudflar" is not in the catalog \(did you mean "cloudflare"/,
    );
  });

  it('refuses a private address the config does not allow, with nothing stored', async () => {
    const replica = await statuspage();
    const { response, body } = await post(
      { url: replica.url('/'), slug: 'private' },
      {},
      appWith(strict),
    );
    expect(response.status).toBe(422);
    expect(body.error.code).toBe('url_refused');
    expect(replica.requests).toEqual([]);
    const listed = await appWith().request('/api/v1/vendors/private');
    expect(listed.status).toBe(404);
  });

  it('says what it tried when the page is no known platform', async () => {
    const replica = await startReplica({ '/': html('<h1>Just a website</h1>') });
    replicas.push(replica);
    const { response, body } = await post({ url: replica.url('/'), slug: 'unknown' });
    expect(response.status).toBe(422);
    expect(body.error.code).toBe('undetected');
    expect(body.error.tried).toContain(`${replica.url('')}/api/v2/summary.json`);
  });
});
