import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from './fetcher.js';
import type { FetcherConfig } from './fetcher.js';
import { defaultFetcherSettings } from './types.js';
import { closedPort, startHostileServer } from './test-support/hostile-server.js';
import type { HostileServer } from './test-support/hostile-server.js';

const totalTimeoutMs = 1200;
const headersTimeoutMs = 600;
const slackMs = 600;
const settings: FetcherConfig = {
  ...defaultFetcherSettings,
  allowedPrivateRanges: ['127.0.0.1/32'],
  connectTimeoutMs: 500,
  headersTimeoutMs,
  totalTimeoutMs,
  perHostConcurrency: 2,
};
const fetcher = createFetcher(settings);
// The deadline tests run side by side, so they get their own pool without the per-host queue.
const patientFetcher = createFetcher({ ...settings, perHostConcurrency: 8 });
// undici runs its headers timer at ~0.5 s resolution, so this one leaves room before the total.
const headersFetcher = createFetcher({ ...settings, totalTimeoutMs: 3000 });

let server: HostileServer;
const timers = new Set<NodeJS.Timeout>();

function drip(res: ServerResponse, everyMs: number): void {
  res.flushHeaders();
  const timer = setInterval(() => {
    if (res.destroyed) clearInterval(timer);
    else res.write('x');
  }, everyMs);
  timers.add(timer);
}

beforeAll(async () => {
  server = await startHostileServer({
    '/drip': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      drip(res, 1000);
    },
    '/drip-fast': (_req, res) => {
      res.writeHead(200);
      drip(res, 100);
    },
    '/hang-after-headers': (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.flushHeaders();
    },
    '/hang-before-headers': () => undefined,
    '/reset-before-headers': (req) => req.socket.resetAndDestroy(),
    '/reset-mid-body': (req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('{"partial":');
      setTimeout(() => req.socket.resetAndDestroy(), 20);
    },
    '/short-body': (req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.end('{}');
      req.socket.end();
    },
    '/slow-ok': (_req, res) => {
      setTimeout(() => res.end('{"slow":true}'), 150);
    },
  });
});

afterAll(async () => {
  for (const timer of timers) clearInterval(timer);
  await fetcher.close();
  await patientFetcher.close();
  await headersFetcher.close();
  await server.close();
});

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work;
  return { result, ms: performance.now() - started };
}

describe.concurrent('fetcher deadlines', () => {
  it('times out a body dripping one byte per second at the total deadline', async () => {
    const { result, ms } = await timed(patientFetcher.fetch({ url: server.url('/drip') }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(!result.ok && result.error.message).toContain(`within ${totalTimeoutMs} ms`);
    expect(ms).toBeGreaterThanOrEqual(totalTimeoutMs - 50);
    expect(ms).toBeLessThan(totalTimeoutMs + slackMs);
  });

  it('times out a fast drip too: the deadline is total, not idle', async () => {
    const { result, ms } = await timed(patientFetcher.fetch({ url: server.url('/drip-fast') }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(ms).toBeLessThan(totalTimeoutMs + slackMs);
  });

  it('times out a server that hangs after sending headers', async () => {
    const { result, ms } = await timed(
      patientFetcher.fetch({ url: server.url('/hang-after-headers') }),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(ms).toBeLessThan(totalTimeoutMs + slackMs);
  });

  it('times out a server that never sends headers at the headers deadline', async () => {
    const { result, ms } = await timed(
      headersFetcher.fetch({ url: server.url('/hang-before-headers') }),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    const message = !result.ok && result.error.message;
    expect(message).toContain(`no response headers within ${headersTimeoutMs} ms`);
    expect(ms).toBeGreaterThanOrEqual(headersTimeoutMs - 50);
    expect(ms).toBeLessThan(headersTimeoutMs + 1000);
  });

  it('reports a cancelled request as cancelled, not as a server fault', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await patientFetcher.fetch({
      url: server.url('/hang-before-headers'),
      signal: controller.signal,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(!result.ok && result.error.message).toContain('cancelled');
  });
});

describe('fetcher network faults', () => {
  it('reports a connection reset before headers and mid-body as network errors', async () => {
    for (const path of ['/reset-before-headers', '/reset-mid-body']) {
      const result = await fetcher.fetch({ url: server.url(path) });
      expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
      expect(!result.ok && result.error.message).not.toContain('partial');
    }
  });

  it('reports a body shorter than its Content-Length as a network error', async () => {
    const result = await fetcher.fetch({ url: server.url('/short-body') });
    expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('reports a refused port as a network error', async () => {
    const port = await closedPort();
    const result = await fetcher.fetch({ url: `http://127.0.0.1:${port}/` });
    expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(!result.ok && result.error.message).toContain('refused');
  });

  it('reports a DNS failure from the resolver as a network error', async () => {
    const failing = createFetcher({
      ...settings,
      resolve: () =>
        Promise.reject(Object.assign(new Error('queryA ENOTFOUND'), { code: 'ENOTFOUND' })),
    });
    const result = await failing.fetch({
      url: 'https://status.vendor.example/api/v2/summary.json',
    });
    await failing.close();
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'network',
        message: 'DNS lookup for status.vendor.example failed (ENOTFOUND)',
      },
    });
  });

  it('reports a real unresolvable *.invalid name as a network error', async () => {
    const result = await fetcher.fetch({ url: 'http://no-such-vendor.invalid/status.json' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(!result.ok && result.error.message).toContain('no-such-vendor.invalid');
  });
});

describe('per-host concurrency', () => {
  it('keeps at most perHostConcurrency requests in flight and queues the rest', async () => {
    server.stats.maxInFlight = 0;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => fetcher.fetch({ url: server.url('/slow-ok') })),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(server.stats.maxInFlight).toBe(2);
  });
});
