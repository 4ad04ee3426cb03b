// `vendorwatch ingest-url SLUG` from the config a user runs: it prints the push URL under
// server.publicUrl, the same one each time, and a service on that store accepts a push to it.
// An unknown slug fails in one line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../src/app/service.js';
import { runCli } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/logger.js';
import { incidentWebhook } from '../test-support/statuspage-bodies.js';

const dir = mkdtempSync(join(tmpdir(), 'vw-ingest-url-'));
let service: RunningService | undefined;

afterAll(async () => {
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(argv, {
    stdout,
    stderr,
    env: {},
    cwd: dir,
    untilSignal: () => Promise.resolve('SIGTERM'),
  });
  return { code, out, err };
}

describe('vendorwatch ingest-url', () => {
  it('prints the push URL under server.publicUrl, stable across runs, and it works', async () => {
    writeFileSync(
      join(dir, 'vendorwatch.yaml'),
      [
        `database: ${join(dir, 'vw.db')}`,
        'server: { host: 127.0.0.1, port: 0, publicUrl: "https://vw.example.com/" }',
        'network: { allowedPrivateRanges: [127.0.0.0/8] }',
        // Never answers: the push is accepted whatever the poll then finds.
        'vendors:',
        '  - { slug: acme, url: "http://127.0.0.1:9/", platform: statuspage, interval: 1h }',
        '',
      ].join('\n'),
    );
    const first = await cli(['ingest-url', 'acme']);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(/^https:\/\/vw\.example\.com\/ingest\/acme\/[A-Za-z0-9_-]{43}\n$/);
    expect((await cli(['ingest-url', 'acme'])).out).toBe(first.out);

    const missing = await cli(['ingest-url', 'nobody']);
    expect(missing.code).toBe(1);
    expect(missing.out).toBe('');
    expect(missing.err).toMatch(/^vendorwatch ingest-url: no vendor "nobody" in the store/);
    expect((await cli(['ingest-url'])).code).toBe(2);

    const config = loadConfig({ path: join(dir, 'vendorwatch.yaml'), env: {} });
    service = await startService(config, { poller: true, web: true }, createLogger('silent'));
    const path = new URL(first.out.trim()).pathname;
    const pushed = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(incidentWebhook()),
    });
    expect(pushed.status).toBe(202);
    const wrong = await fetch(`${service.url}${path.slice(0, -1)}x`, {
      method: 'POST',
      body: JSON.stringify(incidentWebhook()),
    });
    expect(wrong.status).toBe(404);
  }, 20_000);

  it('says the URL is local when server.publicUrl is not set', async () => {
    writeFileSync(
      join(dir, 'local.yaml'),
      `database: ${join(dir, 'vw.db')}\nserver: { port: 3999 }\nvendors:\n  - { slug: acme, url: "http://127.0.0.1:9/", platform: statuspage }\n`,
    );
    const local = await cli(['ingest-url', 'acme', '--config', join(dir, 'local.yaml')]);
    expect(local.code).toBe(0);
    expect(local.out).toMatch(/^http:\/\/127\.0\.0\.1:3999\/ingest\/acme\//);
    expect(local.err).toMatch(/server\.publicUrl is not set/);
  });
});
