import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from './fetcher.js';
import { parseRetryAfter } from './retry-after.js';
import { defaultFetcherSettings } from './types.js';
import { startHostileServer } from './test-support/hostile-server.js';
import type { HostileServer } from './test-support/hostile-server.js';

const fetcher = createFetcher({
  ...defaultFetcherSettings,
  allowedPrivateRanges: ['127.0.0.1/32'],
  connectTimeoutMs: 500,
  headersTimeoutMs: 1000,
  totalTimeoutMs: 1500,
});

const etag = '"v1-abc"';
const lastModified = 'Tue, 03 Jun 2025 10:00:00 GMT';
const retryDate = new Date(Date.now() + 120_000).toUTCString();
let server: HostileServer;
let etagBodyReads = 0;

beforeAll(async () => {
  server = await startHostileServer({
    '/etag': (req, res) => {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      etagBodyReads += 1;
      res.writeHead(200, { etag, 'content-type': 'application/json' }).end('{"v":1}');
    },
    '/last-modified': (req, res) => {
      if (req.headers['if-modified-since'] === lastModified) {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { 'last-modified': lastModified }).end('{"v":2}');
    },
    '/unconditional-304': (_req, res) => res.writeHead(304).end(),
    '/rate-limited': (_req, res) => {
      res.writeHead(429, { 'retry-after': '120' }).end('{"error":"slow down, secret-token-123"}');
    },
    '/unavailable': (_req, res) => res.writeHead(503, { 'retry-after': retryDate }).end('down'),
    '/unavailable-garbage': (_req, res) => res.writeHead(503, { 'retry-after': 'soon' }).end(),
    '/not-found': (_req, res) => res.writeHead(404).end('<html>not here</html>'),
    '/server-error': (_req, res) => res.writeHead(500).end('stack trace with /etc/passwd'),
    '/odd-status': (_req, res) => res.writeHead(999).end(),
  });
});

afterAll(async () => {
  await fetcher.close();
  await server.close();
});

describe('conditional requests', () => {
  it('round-trips an ETag: 200 hands back the validator, 304 costs no body', async () => {
    const first = await fetcher.fetch({ url: server.url('/etag') });
    expect(first).toMatchObject({ ok: true, notModified: false, body: '{"v":1}' });
    expect(first.ok && first.validators).toEqual({ etag, lastModified: null });
    const second = await fetcher.fetch({
      url: server.url('/etag'),
      validators: first.ok ? first.validators : null,
    });
    expect(second).toEqual({
      ok: true,
      notModified: true,
      status: 304,
      finalUrl: server.url('/etag'),
      validators: { etag, lastModified: null },
    });
    expect(etagBodyReads).toBe(1);
  });

  it('round-trips Last-Modified and keeps the sent validators when a 304 omits them', async () => {
    const first = await fetcher.fetch({ url: server.url('/last-modified') });
    expect(first.ok && first.validators).toEqual({ etag: null, lastModified });
    const second = await fetcher.fetch({
      url: server.url('/last-modified'),
      validators: { etag: null, lastModified },
    });
    expect(second).toMatchObject({
      ok: true,
      notModified: true,
      validators: { etag: null, lastModified },
    });
  });

  it('treats a 304 to an unconditional request as an HTTP error', async () => {
    const result = await fetcher.fetch({ url: server.url('/unconditional-304') });
    expect(result).toMatchObject({ ok: false, error: { kind: 'http', status: 304 } });
  });
});

describe('error statuses', () => {
  it('reads Retry-After seconds on 429 and never echoes the body', async () => {
    const result = await fetcher.fetch({ url: server.url('/rate-limited') });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'http', status: 429, retryAfterSeconds: 120 },
    });
    expect(JSON.stringify(result)).not.toContain('secret-token');
  });

  it('reads a Retry-After HTTP date on 503 as seconds from now', async () => {
    const result = await fetcher.fetch({ url: server.url('/unavailable') });
    expect(result).toMatchObject({ ok: false, error: { kind: 'http', status: 503 } });
    const seconds = !result.ok ? result.error.retryAfterSeconds : undefined;
    expect(seconds).toBeGreaterThan(100);
    expect(seconds).toBeLessThanOrEqual(120);
  });

  it('ignores an unreadable Retry-After', async () => {
    const result = await fetcher.fetch({ url: server.url('/unavailable-garbage') });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'http',
        status: 503,
        message: `${new URL(server.url('/')).host} answered HTTP 503`,
      },
    });
  });

  it('maps 404, 500 and 999 to kind http with the status and no body text', async () => {
    for (const [path, status] of [
      ['/not-found', 404],
      ['/server-error', 500],
      ['/odd-status', 999],
    ] as const) {
      const result = await fetcher.fetch({ url: server.url(path) });
      expect(result).toMatchObject({ ok: false, error: { kind: 'http', status } });
      expect(JSON.stringify(result)).not.toMatch(/html|passwd/);
    }
  });

  it('sends one conditional GET after another over one connection', async () => {
    // A fresh fetcher: the first 304 arrives on a new connection, as after a keep-alive expired.
    const fresh = createFetcher({
      ...defaultFetcherSettings,
      allowedPrivateRanges: ['127.0.0.1/32'],
    });
    try {
      const validators = { etag, lastModified: null };
      const before = server.stats.connections;
      for (let i = 0; i < 4; i += 1) {
        const result = await fresh.fetch({ url: server.url('/etag'), validators });
        expect(result).toMatchObject({ ok: true, notModified: true });
      }
      // A request sent the moment a 304 ended used to find that connection still busy.
      expect(server.stats.connections - before).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it('keeps the connection usable after error responses', async () => {
    const before = server.stats.connections;
    for (let i = 0; i < 5; i += 1) await fetcher.fetch({ url: server.url('/not-found') });
    expect(server.stats.connections - before).toBeLessThanOrEqual(1);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-03T10:00:00Z');

  it('reads delay-seconds and the three HTTP date formats', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 30 ', now)).toBe(30);
    expect(parseRetryAfter('Tue, 03 Jun 2025 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Tuesday, 03-Jun-25 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Tue Jun  3 10:01:30 2025', now)).toBe(90);
  });

  it('clamps past dates to zero and refuses junk', () => {
    expect(parseRetryAfter('Tue, 03 Jun 2025 09:00:00 GMT', now)).toBe(0);
    for (const junk of [
      undefined,
      '',
      '-5',
      '1.5',
      'soon',
      '99999999999999',
      'Tue, 99 Foo 2025 10:00:00 GMT',
    ]) {
      expect(parseRetryAfter(junk, now)).toBeUndefined();
    }
  });
});
