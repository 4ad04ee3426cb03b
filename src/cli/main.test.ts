import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { addVendors, at, incident, poll, snapshot, update } from '../store/test-support/harness.js';
import { commitCycle, migrateToLatest, openStore } from '../store/index.js';
import { simPlatforms } from '../simulate/index.js';
import { runCli } from './main.js';

async function run(argv: string[], cwd = mkdtempSync(join(tmpdir(), 'vw-cli-'))) {
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
    cwd,
    untilSignal: () => Promise.resolve('SIGTERM'),
  });
  return { code, out, err, cwd };
}

describe('vendorwatch command line', () => {
  it.each([
    [['frobnicate'], /^vendorwatch: unknown command "frobnicate"/],
    [
      ['poll'],
      /^vendorwatch poll: poll needs a status page URL or a vendor slug \(see vendorwatch help poll\)\n$/,
    ],
    [
      ['poll', 'not-a-vendor'],
      /"not-a-vendor" is neither a known vendor slug nor an http\(s\) URL/,
    ],
    [['poll', 'github', '--platform', 'myspace'], /--platform must be one of/],
    [['incidents', '--limit', 'lots'], /--limit must be an integer between 1 and 1000, got "lots"/],
    [['incidents', '--flag', 'sloppy'], /--flag must be one of stuck, backdated, .*, got "sloppy"/],
    [['serve', '--port', '99999'], /--port must be an integer between 0 and 65535/],
    [['status', '--colour'], /unknown option '--colour'/],
    [['detect', 'ftp://example.com'], /detect needs an http\(s\) status page URL/],
    [['simulate', '--vendors', '0'], /--vendors must be an integer between 1 and 20000/],
    [['simulate', '--start-after', '10s'], /--start-after needs --timeline/],
    [['simulate', '--scenario', 'chaos'], /--scenario must be one of stuck-monitoring, /],
  ])('%j: one clear line and exit code 2, nothing written', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(result.cwd)).toEqual([]);
  });

  it('refuses a bad config file before touching the database', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'vw-cli-'));
    writeFileSync(join(cwd, 'vendorwatch.yaml'), 'pollInterval: often\n');
    const result = await run(['status'], cwd);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /^vendorwatch status: config error at pollInterval: "often" is not a duration/,
    );
    expect(readdirSync(cwd)).toEqual(['vendorwatch.yaml']);
  });

  it('searches the catalog', async () => {
    const result = await run(['vendors', 'git']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^SLUG\s+NAME/);
    expect(result.out).toContain('https://www.githubstatus.com');
  });

  it('reads an empty store without errors', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'vw-cli-'));
    const db = join(cwd, 'vw.db');
    expect((await run(['status', '--db', db], cwd)).out).toMatch(/no vendors in the store yet/);
    expect((await run(['incidents', '--db', db, '--json'], cwd)).out).toBe(
      '{\n  "incidents": []\n}\n',
    );
  });

  it('searches stored incidents by words of their updates, like the API', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'vw-cli-'));
    const db = join(cwd, 'vw.db');
    const store = await openStore(db);
    await migrateToLatest(store);
    await addVendors(store, ['balena']);
    const observed = (sourceId: string, title: string, text: string) =>
      incident(sourceId, {
        title,
        // 'b' names no component: the no_components hygiene flag finds it.
        components: sourceId === 'b' ? [] : ['API'],
        updates: [update(`${sourceId}-u1`, 'investigating', at(-5), text)],
      });
    await poll(
      store,
      'balena',
      snapshot([
        observed('a', 'Degraded performance', 'Devices cannot reach CloudLink.'),
        observed('b', 'Login errors', 'Some users cannot sign in.'),
      ]),
      at(0),
    );
    await store.close();
    const found = await run(['incidents', '--db', db, '--search', 'cloudlink', '--json'], cwd);
    const { incidents } = JSON.parse(found.out) as { incidents: Array<{ sourceId: string }> };
    expect(incidents.map((i) => i.sourceId)).toEqual(['a']);
    const flagged = await run(['incidents', '--db', db, '--flag', 'no_components', '--json'], cwd);
    const bare = JSON.parse(flagged.out) as { incidents: Array<{ sourceId: string }> };
    expect(bare.incidents.map((i) => i.sourceId)).toEqual(['b']);
    const none = await run(['incidents', '--db', db, '--search', '"NEAR(x*'], cwd);
    expect(none.code).toBe(0);
    expect(none.out).toContain('no incidents found');
  });

  it('says when most pages gave no answer, and not when they answered errors', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'vw-cli-'));
    const db = join(cwd, 'vw.db');
    const store = await openStore(db);
    await migrateToLatest(store);
    const slugs = ['one', 'two', 'three', 'four', 'five'];
    await addVendors(store, slugs);
    const fail = (slug: string, reached: boolean, error: string) =>
      commitCycle(store.db, {
        vendorSlug: slug,
        now: '2026-11-26T10:00:00.000Z',
        nextPollAt: '2026-11-26T10:01:00.000Z',
        leaseOwner: null,
        unreachableReported: false,
        outcome: { kind: 'failure', error, consecutiveFailures: 1, reached },
        events: [],
      });
    for (const slug of slugs) await fail(slug, true, `${slug}.example answered HTTP 503`);
    const answering = await run(['status', '--db', db], cwd);
    expect(answering.out).toContain('answered HTTP 503');
    expect(answering.out).not.toContain('own network');
    // Never read: the same words as the dashboard and the API (failing, never succeeded).
    const header = answering.out.split('\n')[0]!;
    expect(header).toMatch(
      /^VENDOR\s+STATUS\s+HEALTH\s+ACTIVE\s+LAST READ\s+LAST TRIED\s+REASON\s+ERROR$/,
    );
    const json = await run(['status', '--db', db, '--json'], cwd);
    expect(JSON.parse(json.out).vendors[0]).toMatchObject({
      health: 'failing',
      lastSuccessAt: null,
      firstSuccessAt: null,
      // Never read: the streak began at the first poll ever.
      failingSince: '2026-11-26T10:00:00.000Z',
      consecutiveFailures: 1,
      errorReason: 'HTTP 503',
    });
    const five = answering.out.split('\n').find((line) => line.startsWith('five '))!;
    expect(five).toMatch(
      /^five\s+unknown\s+failing \(never succeeded\)\s+0\s+never\s+\d+d ago\s+HTTP 503\s+five\.example answered HTTP 503$/,
    );

    for (const slug of slugs.slice(0, 4)) await fail(slug, false, 'connection refused');
    await store.close();
    const silent = await run(['status', '--db', db], cwd);
    expect(silent.code).toBe(0);
    expect(silent.out).toMatch(
      /\n4 of 5 status pages gave no answer at all: vendorwatch's own network may be down;/,
    );
  });

  it('prints usage for --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Usage: vendorwatch <command>/);
  });

  it('lists the simulator’s platforms in the usage, as the registry has them', async () => {
    const result = await run(['--help']);
    expect(result.out).toContain(`[--platforms ${simPlatforms.join(',')}]`);
  });

  it.each([['--version'], ['-V']])('%s prints the version package.json declares', async (flag) => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const result = await run([flag]);
    expect(result.code).toBe(0);
    expect(result.out).toBe(`${pkg.version}\n`);
    expect(result.err).toBe('');
  });

  it.each([
    [['help', 'poll'], 'poll URL|SLUG', ['--platform P', '--json', '--config FILE']],
    [['poll', '--help'], 'poll URL|SLUG', ['--platform P', '--json', '--db PATH|URL']],
    [['incidents', '-h'], 'incidents', ['--vendor SLUG', '--active', '--search TEXT', '--limit N']],
    [['help', 'simulate'], 'simulate', ['--tick-ms MS', '--address-per-vendor']],
    [['notify', 'test', 'x', '--help'], 'notify test NAME', ['--timeout SECONDS']],
  ])('%j prints that command’s usage and options', async (argv, synopsis, options) => {
    const result = await run(argv);
    expect(result.code).toBe(0);
    expect(result.out.startsWith(`Usage: vendorwatch ${synopsis}`)).toBe(true);
    expect(result.out).not.toContain('Commands:');
    for (const option of options) expect(result.out).toContain(`  ${option}  `);
  });

  it('refuses help for a command that does not exist', async () => {
    const result = await run(['help', 'frobnicate']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^vendorwatch: unknown command "frobnicate"/);
  });

  it('lists every command in the global usage, each from its own usage text', async () => {
    const result = await run(['help']);
    for (const line of [
      '  serve [--port N]',
      '  worker',
      '  web',
      '  add URL',
      '  notify test NAME',
    ])
      expect(result.out).toContain(line);
  });
});
