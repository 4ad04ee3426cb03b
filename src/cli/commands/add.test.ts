// `vendorwatch add` against a loopback Statuspage replica and a real SQLite file, while a real
// poller runs on the same file: the new vendor is polled without a restart.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { createLogger } from '../../logger.js';
import { startService, type RunningService } from '../../app/service.js';
import { html, json, startReplica, type Replica } from '../../poll/detect/test-support/replica.js';
import { listVendorStatuses } from '../../store/index.js';
import { runCli } from '../main.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function statuspageReplica(): Promise<Replica> {
  const replica = await startReplica({
    '/': html('Powered by Atlassian Statuspage'),
    '/api/v2/summary.json': json('statuspage', 'summary.github.2026-07-31.operational.json'),
    '/api/v2/incidents.json': json('statuspage', 'incidents.github.2026-07-31.first13.json'),
  });
  cleanup.push(() => replica.close());
  return replica;
}

function workspace(loopbackAllowed: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'vw-add-'));
  const ranges = loopbackAllowed ? "['127.0.0.1/32']" : '[]';
  writeFileSync(
    join(dir, 'vendorwatch.yaml'),
    `database: ${join(dir, 'vw.db')}\nvendors: []\nnetwork:\n  allowedPrivateRanges: ${ranges}\n  timeout: 5s\n`,
  );
  return dir;
}

async function run(argv: string[], cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const io = { stdout, stderr, env: {}, cwd, untilSignal: () => Promise.resolve('SIGTERM') };
  const code = await runCli(argv, io);
  return { code, out, err };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('vendorwatch add', () => {
  it('detects, stores and gets polled by a running poller without a restart', async () => {
    const replica = await statuspageReplica();
    const cwd = workspace(true);
    const config = loadConfig({ env: {}, cwd });
    const service: RunningService = await startService(
      config,
      { poller: true, web: false },
      createLogger('silent'),
    );
    cleanup.push(() => service.stop());

    const added = await run(['add', replica.url('/'), '--slug', 'acme', '--interval', '5m'], cwd);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^added acme: statuspage \(high confidence: /);

    const polled = await waitFor(async () => {
      const vendors = await listVendorStatuses(service.store.db, new Date().toISOString());
      return vendors.some((v) => v.slug === 'acme' && v.lastSuccessAt !== null);
    }, 10_000);
    expect(polled).toBe(true);
    expect(replica.requests).toContain('/api/v2/incidents.json');

    const again = await run(['add', replica.url('/'), '--slug', 'acme'], cwd);
    expect(again.code).toBe(1);
    expect(again.err).toContain('a vendor "acme" already exists (GitHub) (pass --slug)');

    // The same page under another spelling is refused before any request, naming its vendor.
    const requests = replica.requests.length;
    const sameUrl = await run(['add', replica.url('//'), '--slug', 'other'], cwd);
    expect(sameUrl.code).toBe(1);
    expect(sameUrl.err).toBe(
      `vendorwatch add: ${replica.url('//')} is already watched by vendor "acme" (GitHub)\n`,
    );
    expect(replica.requests.length).toBe(requests);
  });

  it("names the vendor from the page's own name when --name is not given", async () => {
    const replica = await statuspageReplica();
    const cwd = workspace(true);
    const added = await run(['add', replica.url('/'), '--slug', 'acme', '--json'], cwd);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out)).toMatchObject({ vendor: { slug: 'acme', name: 'GitHub' } });
  });

  it('takes a catalog slug like the config file does, once', async () => {
    const cwd = workspace(false);
    const added = await run(['add', 'github', '--json'], cwd);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out)).toMatchObject({
      vendor: {
        slug: 'github',
        name: 'GitHub',
        statusPageUrl: 'https://www.githubstatus.com',
        platform: 'statuspage',
        category: 'devtools',
      },
    });

    const again = await run(['add', 'github'], cwd);
    expect(again.code).toBe(1);
    expect(again.err).toContain('a vendor "github" already exists (GitHub)');
    const sameUrl = await run(['add', 'https://WWW.githubstatus.com/', '--slug', 'gh'], cwd);
    expect(sameUrl.code).toBe(1);
    expect(sameUrl.err).toContain('is already watched by vendor "github" (GitHub)');

    const unknown = await run(['add', 'no-such-vendor'], cwd);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/"no-such-vendor" is not in the catalog/);
  });

  it('refuses a private address unless the config allows it, and stores nothing', async () => {
    const replica = await statuspageReplica();
    const cwd = workspace(false);
    const refused = await run(['add', replica.url('/'), '--json'], cwd);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^vendorwatch add: .*(private|loopback|not allowed|refused)/i);
    expect(replica.requests).toEqual([]);
    expect((await run(['status'], cwd)).out).toMatch(/no vendors in the store yet/);
  });

  it('checks its options before touching the network', async () => {
    const cwd = workspace(true);
    const bad = [
      [['add'], /add needs an http\(s\) status page URL or a catalog slug/],
      [['add', 'Not A Slug'], /add needs an http\(s\) status page URL or a catalog slug/],
      [['add', 'https://status.acme.test', '--slug', 'Not A Slug'], /--slug must be/],
      [['add', 'https://status.acme.test', '--interval', '0s'], /--interval must be/],
      [['add', 'https://status.acme.test', '--category', 'snacks'], /--category must be one of/],
    ] as const;
    for (const [argv, message] of bad) {
      const result = await run([...argv], cwd);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err, argv.join(' ')).toMatch(message);
    }
  });
});
