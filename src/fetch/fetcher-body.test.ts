import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from './fetcher.js';
import type { FetchResult } from './types.js';
import { defaultFetcherSettings } from './types.js';
import { startHostileServer, writePaced } from './test-support/hostile-server.js';
import type { HostileServer } from './test-support/hostile-server.js';

const maxBodyBytes = 1024 * 1024;
const fetcher = createFetcher({
  ...defaultFetcherSettings,
  allowedPrivateRanges: ['127.0.0.1/32'],
  connectTimeoutMs: 500,
  headersTimeoutMs: 1000,
  totalTimeoutMs: 1500,
  maxBodyBytes,
});

let server: HostileServer;
let bombBytesWritten = 0;
let bombSize = 0;
const received: Record<string, string | undefined> = {};

function gzipBomb(mebibytes: number): Buffer {
  return gzipSync(Buffer.alloc(mebibytes * 1024 * 1024), { level: 9 });
}

function body(result: FetchResult): string {
  if (!result.ok || result.notModified)
    throw new Error(`expected a body, got ${JSON.stringify(result)}`);
  return result.body;
}

beforeAll(async () => {
  const bomb = gzipBomb(100);
  bombSize = bomb.length;
  const brotliBomb = brotliCompressSync(Buffer.alloc(20 * 1024 * 1024), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 4 },
  });
  server = await startHostileServer({
    '/json': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    },
    '/headers': (req, res) => {
      received.accept = req.headers.accept;
      received.acceptEncoding = req.headers['accept-encoding'];
      received.userAgent = req.headers['user-agent'];
      res.end('{}');
    },
    '/invalid-json': (_req, res) => res.end('{"status": "ok", <html>'),
    '/empty': (_req, res) => res.writeHead(200).end(),
    '/no-content': (_req, res) => res.writeHead(204).end(),
    '/ten-megabytes': (_req, res) => res.end(Buffer.alloc(10 * 1024 * 1024, 0x61)),
    '/ten-megabytes-chunked': (_req, res) => {
      res.writeHead(200, { 'transfer-encoding': 'chunked' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      for (let i = 0; i < 160; i += 1) res.write(chunk);
      res.end();
    },
    '/gzip-bomb': (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': bomb.length });
      writePaced(res, bomb, 4096, 20, (bytes) => (bombBytesWritten += bytes));
    },
    '/gzip': (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('{"via":"gzip"}'));
    },
    '/double-gzip': (_req, res) => {
      const twice = gzipSync(gzipSync('{"via":"gzip twice"}'));
      res.writeHead(200, { 'content-encoding': 'gzip, gzip' }).end(twice);
    },
    '/deflate': (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync('{"via":"deflate"}'));
    },
    '/br': (_req, res) => {
      const text = JSON.stringify({ via: 'br', note: 'é✓'.repeat(1000) });
      res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(text));
    },
    '/br-bomb': (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'br' }).end(brotliBomb);
    },
    '/corrupt-gzip': (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.from('not gzip at all'));
    },
    '/unknown-encoding': (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'zstd-ish' }).end('xx');
    },
    '/latin1': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=iso-8859-1' });
      res.end(Buffer.from('{"name":"Caf\xe9 M\xfcnchen"}', 'latin1'));
    },
    '/utf8-bom': (_req, res) =>
      res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"ü"}')])),
    '/utf16le-bom': (_req, res) => {
      res.end(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":"ü✓"}', 'utf16le')]));
    },
    '/utf16be-bom': (_req, res) => {
      const le = Buffer.from('{"a":"ü✓"}', 'utf16le');
      res.end(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]));
    },
  });
}, 20_000);

afterAll(async () => {
  await fetcher.close();
  await server.close();
});

describe('fetcher bodies', () => {
  it('returns a 200 JSON body with status, size and final URL', async () => {
    const result = await fetcher.fetch({ url: server.url('/json') });
    expect(result).toMatchObject({ ok: true, notModified: false, status: 200, bytes: 15 });
    expect(body(result)).toBe('{"status":"ok"}');
    expect(result.ok && result.finalUrl).toBe(server.url('/json'));
  });

  it('sends Accept, Accept-Encoding and the User-Agent', async () => {
    await fetcher.fetch({ url: server.url('/headers') });
    expect(received).toEqual({
      accept: 'application/json',
      acceptEncoding: 'gzip, deflate, br',
      userAgent: defaultFetcherSettings.userAgent,
    });
    await fetcher.fetch({ url: server.url('/headers'), accept: 'application/atom+xml' });
    expect(received.accept).toBe('application/atom+xml');
  });

  it('returns invalid JSON as text: parsing is the adapter’s job', async () => {
    expect(body(await fetcher.fetch({ url: server.url('/invalid-json') }))).toBe(
      '{"status": "ok", <html>',
    );
  });

  it('returns empty bodies for 200 and 204', async () => {
    expect(await fetcher.fetch({ url: server.url('/empty') })).toMatchObject({
      ok: true,
      body: '',
      bytes: 0,
    });
    expect(await fetcher.fetch({ url: server.url('/no-content') })).toMatchObject({
      ok: true,
      status: 204,
      body: '',
    });
  });

  it('refuses a 10 MB body with a Content-Length, and a chunked one, as too_large', async () => {
    for (const path of ['/ten-megabytes', '/ten-megabytes-chunked']) {
      const result = await fetcher.fetch({ url: server.url(path) });
      expect(result).toMatchObject({ ok: false, error: { kind: 'too_large' } });
    }
  });

  it('stops a 100 MiB gzip bomb early, counting decompressed bytes', async () => {
    const result = await fetcher.fetch({ url: server.url('/gzip-bomb') });
    expect(result).toMatchObject({ ok: false, error: { kind: 'too_large' } });
    expect(!result.ok && result.error.message).toContain(`${maxBodyBytes} bytes (decompressed)`);
    // A 1 MiB cap needs about 1 KB of this ~100 KB bomb, sent 4 KiB per 20 ms: the client must
    // hang up long before the server could finish (read-body.test.ts bounds the inflated bytes).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bombBytesWritten).toBeLessThan(bombSize / 2);
  });

  it('decodes gzip, stacked gzip, deflate and br bodies', async () => {
    expect(body(await fetcher.fetch({ url: server.url('/gzip') }))).toBe('{"via":"gzip"}');
    expect(body(await fetcher.fetch({ url: server.url('/double-gzip') }))).toBe(
      '{"via":"gzip twice"}',
    );
    expect(body(await fetcher.fetch({ url: server.url('/deflate') }))).toBe('{"via":"deflate"}');
    const br = JSON.parse(body(await fetcher.fetch({ url: server.url('/br') })));
    expect(br).toEqual({ via: 'br', note: 'é✓'.repeat(1000) });
  });

  it('refuses a brotli bomb as too_large', async () => {
    const result = await fetcher.fetch({ url: server.url('/br-bomb') });
    expect(result).toMatchObject({ ok: false, error: { kind: 'too_large' } });
  });

  it('reports corrupt compression and unknown encodings as parse errors', async () => {
    const corrupt = await fetcher.fetch({ url: server.url('/corrupt-gzip') });
    expect(corrupt).toMatchObject({ ok: false, error: { kind: 'parse' } });
    const unknown = await fetcher.fetch({ url: server.url('/unknown-encoding') });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'parse' } });
    expect(!unknown.ok && unknown.error.message).toContain('zstd-ish');
  });

  it('decodes Latin-1 bytes as UTF-8 with replacement characters, never throwing', async () => {
    expect(body(await fetcher.fetch({ url: server.url('/latin1') }))).toBe(
      '{"name":"Caf\uFFFD M\uFFFDnchen"}',
    );
  });

  it('strips a UTF-8 BOM and decodes UTF-16LE and UTF-16BE bodies by their BOM', async () => {
    expect(body(await fetcher.fetch({ url: server.url('/utf8-bom') }))).toBe('{"a":"ü"}');
    expect(body(await fetcher.fetch({ url: server.url('/utf16le-bom') }))).toBe('{"a":"ü✓"}');
    expect(body(await fetcher.fetch({ url: server.url('/utf16be-bom') }))).toBe('{"a":"ü✓"}');
  });

  it('reuses kept-alive connections across sequential requests', async () => {
    const before = server.stats.connections;
    for (let i = 0; i < 20; i += 1) await fetcher.fetch({ url: server.url('/json') });
    expect(server.stats.connections - before).toBeLessThanOrEqual(1);
  });
});
