import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from './fetcher.js';
import type { FetcherConfig } from './fetcher.js';
import { AddressBook, createPinnedAgent } from './pinned-agent.js';
import { defaultFetcherSettings } from './types.js';
import type { FetchResult } from './types.js';
import { startHostileServer, startSentinel } from './test-support/hostile-server.js';
import type { HostileServer, Sentinel } from './test-support/hostile-server.js';

const names: Record<string, string[]> = {
  'vendor.test': ['127.0.0.1'],
  'internal.example': ['10.0.0.1'],
  'mixed.example': ['140.82.112.3', '10.0.0.1'],
  'sentinel.example': ['127.0.0.2'],
  'v6-loopback.example': ['::1'],
};
const settings: FetcherConfig = {
  ...defaultFetcherSettings,
  allowedPrivateRanges: ['127.0.0.1/32'],
  connectTimeoutMs: 500,
  headersTimeoutMs: 1000,
  totalTimeoutMs: 1500,
  resolve: (host) => {
    const answer = names[host];
    return answer
      ? Promise.resolve(answer)
      : Promise.reject(Object.assign(new Error(host), { code: 'ENOTFOUND' }));
  },
};
const fetcher = createFetcher(settings);

let server: HostileServer;
let sentinel: Sentinel;

function redirect(res: ServerResponse, location: string, status = 302): void {
  res.writeHead(status, { location }).end();
}

beforeAll(async () => {
  // The sentinel shares the server's port on 127.0.0.2, so a fetcher that re-resolved at connect
  // time (or ignored the pin) would land on it with the very same URL.
  server = await startHostileServer({
    '/ok': (req, res) => res.end(JSON.stringify({ host: req.headers.host })),
    '/loop': (_req, res) => redirect(res, '/loop'),
    '/ping': (_req, res) => redirect(res, '/pong', 301),
    '/pong': (_req, res) => redirect(res, '/ping', 308),
    '/chain/*': (req, res) => {
      const left = Number(req.url?.split('/')[2]);
      if (left > 0) redirect(res, `/chain/${left - 1}`, 307);
      else res.end('{"arrived":true}');
    },
    '/to-metadata': (_req, res) => redirect(res, 'http://169.254.169.254/latest/meta-data/'),
    '/to-loopback-2': (_req, res) => redirect(res, `http://127.0.0.2:${sentinel.port}/`),
    '/to-sentinel-name': (_req, res) => redirect(res, `http://sentinel.example:${sentinel.port}/`),
    '/to-internal-name': (_req, res) => redirect(res, 'http://internal.example/'),
    '/to-file': (_req, res) => redirect(res, 'file:///etc/passwd'),
    '/to-gopher': (_req, res) => redirect(res, 'gopher://127.0.0.1:6379/_'),
    '/to-backslash': (_req, res) => redirect(res, `http://evil.com\\@127.0.0.2:${sentinel.port}/`),
    '/no-location': (_req, res) => res.writeHead(302).end(),
    '/relative': (_req, res) => redirect(res, 'chain/0'),
    '/to-named-vendor': (_req, res) => redirect(res, `http://vendor.test:${server.port}/ok`),
  });
  sentinel = await startSentinel('127.0.0.2', server.port);
});

afterAll(async () => {
  await fetcher.close();
  await server.close();
  await sentinel.close();
});

function expectFailure(result: FetchResult, kind: string, text: string): void {
  expect(result).toMatchObject({ ok: false, error: { kind } });
  expect(!result.ok && result.error.message).toContain(text);
}

describe('redirects', () => {
  it('follows 5 redirects and refuses the 6th', async () => {
    const five = await fetcher.fetch({ url: server.url('/chain/5') });
    expect(five).toMatchObject({
      ok: true,
      body: '{"arrived":true}',
      finalUrl: server.url('/chain/0'),
    });
    const six = await fetcher.fetch({ url: server.url('/chain/6') });
    expectFailure(six, 'http', 'more than 5 redirects');
  });

  it('stops a self-redirect and an A→B→A loop with a clear error', async () => {
    const before = server.stats.requests;
    expectFailure(await fetcher.fetch({ url: server.url('/loop') }), 'http', 'redirect loop');
    expectFailure(await fetcher.fetch({ url: server.url('/ping') }), 'http', 'redirect loop');
    expect(server.stats.requests - before).toBe(3);
  });

  it('resolves relative Locations and names the final URL', async () => {
    const result = await fetcher.fetch({ url: server.url('/relative') });
    expect(result).toMatchObject({ ok: true, finalUrl: server.url('/chain/0') });
  });

  it('refuses a redirect without a Location', async () => {
    expectFailure(
      await fetcher.fetch({ url: server.url('/no-location') }),
      'http',
      'without a Location',
    );
  });

  it('refuses a redirect to the metadata address', async () => {
    const result = await fetcher.fetch({ url: server.url('/to-metadata') });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'blocked',
        message:
          'redirect 1 refused: blocked: 169.254.169.254 is not a public address (link-local)',
      },
    });
  });

  it('refuses redirects to 127.0.0.2 by literal, by name and by backslash trick: no connection', async () => {
    expectFailure(
      await fetcher.fetch({ url: server.url('/to-loopback-2') }),
      'blocked',
      '127.0.0.2',
    );
    expectFailure(
      await fetcher.fetch({ url: server.url('/to-sentinel-name') }),
      'blocked',
      '127.0.0.2',
    );
    expectFailure(
      await fetcher.fetch({ url: server.url('/to-backslash') }),
      'blocked',
      'backslash',
    );
    expect(sentinel.connections()).toBe(0);
  });

  it('refuses redirects to other schemes and to names resolving to private addresses', async () => {
    expectFailure(
      await fetcher.fetch({ url: server.url('/to-file') }),
      'blocked',
      'scheme "file:"',
    );
    expectFailure(
      await fetcher.fetch({ url: server.url('/to-gopher') }),
      'blocked',
      'scheme "gopher:"',
    );
    expectFailure(
      await fetcher.fetch({ url: server.url('/to-internal-name') }),
      'blocked',
      '10.0.0.1',
    );
  });

  it('follows a redirect to an allowed name, sending the name as Host', async () => {
    const result = await fetcher.fetch({ url: server.url('/to-named-vendor') });
    expect(result).toMatchObject({
      ok: true,
      body: JSON.stringify({ host: `vendor.test:${server.port}` }),
    });
  });
});

describe('address guard on the first hop', () => {
  it('refuses literals and names that resolve to private addresses before connecting', async () => {
    expectFailure(
      await fetcher.fetch({ url: `http://127.0.0.2:${sentinel.port}/` }),
      'blocked',
      '127.0.0.2',
    );
    expectFailure(await fetcher.fetch({ url: 'http://internal.example/' }), 'blocked', '10.0.0.1');
    expectFailure(await fetcher.fetch({ url: 'http://mixed.example/' }), 'blocked', '10.0.0.1');
    expectFailure(await fetcher.fetch({ url: 'http://v6-loopback.example/' }), 'blocked', '::1');
    expectFailure(
      await fetcher.fetch({ url: 'http://[::ffff:127.0.0.2]/' }),
      'blocked',
      'embedded',
    );
    expect(sentinel.connections()).toBe(0);
  });

  it('allows private targets only by opt-in', async () => {
    const open = createFetcher({
      ...settings,
      allowedPrivateRanges: [],
      allowPrivateAddresses: true,
    });
    const closed = createFetcher({ ...settings, allowedPrivateRanges: [] });
    expect(await open.fetch({ url: server.url('/ok') })).toMatchObject({ ok: true });
    expectFailure(
      await closed.fetch({ url: server.url('/ok') }),
      'blocked',
      '127.0.0.1 is not a public address',
    );
    await Promise.all([open.close(), closed.close()]);
  });
});

describe('DNS rebinding', () => {
  function rebindingFetcher(): { fetcher: ReturnType<typeof createFetcher>; calls: () => number } {
    let calls = 0;
    const rebinding = createFetcher({
      ...settings,
      dnsCacheTtlMs: 0,
      resolve: () => {
        calls += 1;
        return Promise.resolve(calls === 1 ? ['127.0.0.1'] : ['127.0.0.2']);
      },
    });
    return { fetcher: rebinding, calls: () => calls };
  }

  it('connects to the validated address although DNS now answers the sentinel', async () => {
    const { fetcher: rebinding, calls } = rebindingFetcher();
    const first = await rebinding.fetch({ url: `http://rebind.test:${server.port}/ok` });
    expect(first).toMatchObject({
      ok: true,
      body: JSON.stringify({ host: `rebind.test:${server.port}` }),
    });
    expect(calls()).toBe(1);
    const second = await rebinding.fetch({ url: `http://rebind.test:${server.port}/ok` });
    expectFailure(second, 'blocked', 'rebind.test resolves to 127.0.0.2');
    await rebinding.close();
    expect(sentinel.connections()).toBe(0);
  });

  it('the pinned connector never asks DNS: an unpinned name gets no connection', async () => {
    const book = new AddressBook(() => Promise.resolve(['127.0.0.2']), 0);
    const policy = { allowPrivateAddresses: true };
    const agent = createPinnedAgent({
      book,
      policy,
      connectTimeoutMs: 500,
      headersTimeoutMs: 500,
      bodyTimeoutMs: 500,
    });
    const request = agent.request({
      origin: `http://unpinned.test:${sentinel.port}`,
      path: '/',
      method: 'GET',
    });
    await expect(request).rejects.toThrow('no validated address for unpinned.test');
    await agent.close();
    expect(sentinel.connections()).toBe(0);
  });

  it('the connector re-checks the peer of an IP literal (Node skips lookup for literals)', async () => {
    const book = new AddressBook(() => Promise.resolve([]), 0);
    const policy = { allowPrivateAddresses: false, allowedPrivateRanges: ['127.0.0.1/32'] };
    const agent = createPinnedAgent({
      book,
      policy,
      connectTimeoutMs: 500,
      headersTimeoutMs: 500,
      bodyTimeoutMs: 500,
    });
    const before = sentinel.connections();
    const request = agent.request({
      origin: `http://127.0.0.2:${server.port}`,
      path: '/',
      method: 'GET',
    });
    await expect(request).rejects.toThrow('127.0.0.2 is not a public address');
    await agent.close();
    // The handshake happened (this is the last line of defence), but no request was sent.
    expect(sentinel.connections()).toBe(before + 1);
  });
});
