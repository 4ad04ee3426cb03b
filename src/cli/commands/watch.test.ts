// `vendorwatch pause|resume|remove` end to end on a real SQLite file, as a user runs them after
// `vendorwatch add`: the store changes, `status` says paused, config vendors are refused with the
// way to change them, history is kept or deleted, and the audit log names the CLI.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  getWatchedVendor,
  listAudit,
  migrateToLatest,
  openStore,
  syncVendors,
} from '../../store/index.js';
import { runCli } from '../main.js';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vw-watch-cli-'));
  writeFileSync(join(dir, 'vendorwatch.yaml'), `database: ${join(dir, 'vw.db')}\nvendors: []\n`);
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

async function inStore<T>(
  dir: string,
  use: (db: Awaited<ReturnType<typeof openStore>>['db']) => Promise<T>,
) {
  const store = await openStore(join(dir, 'vw.db'));
  try {
    await migrateToLatest(store);
    return await use(store.db);
  } finally {
    await store.close();
  }
}

describe('vendorwatch pause, resume and remove', () => {
  it('pauses and resumes a vendor added at run time; status says so; the audit log names the CLI', async () => {
    const dir = workspace();
    // A catalog slug is stored without a request.
    expect((await run(['add', 'balena'], dir)).code).toBe(0);

    const paused = await run(['pause', 'balena'], dir);
    expect([paused.code, paused.err]).toEqual([0, '']);
    expect(paused.out).toContain('paused balena');
    expect(await inStore(dir, (db) => getWatchedVendor(db, 'balena'))).toMatchObject({
      paused: true,
    });
    expect((await run(['status'], dir)).out).toMatch(/balena .*paused \(not polled\)/);
    expect(JSON.parse((await run(['status', '--json'], dir)).out).vendors[0]).toMatchObject({
      slug: 'balena',
      paused: true,
    });
    expect((await run(['pause', 'balena'], dir)).out).toContain('(it was already paused)');

    const resumed = await run(['resume', 'balena'], dir);
    expect([resumed.code, resumed.err]).toEqual([0, '']);
    expect(await inStore(dir, (db) => getWatchedVendor(db, 'balena'))).toMatchObject({
      paused: false,
    });
    const actions = await inStore(dir, (db) => listAudit(db, { limit: 10 }));
    expect(actions.map((entry) => `${entry.actor} ${entry.action} ${entry.subject}`)).toEqual([
      'cli vendor.resumed balena',
      'cli vendor.paused balena',
      'cli vendor.paused balena',
    ]);
  });

  it('removes keeping the history by default, or deleting it; refuses config vendors and unknown slugs', async () => {
    const dir = workspace();
    expect((await run(['add', 'balena'], dir)).code).toBe(0);
    expect((await run(['add', 'github'], dir)).code).toBe(0);
    await inStore(dir, async (db) => {
      await syncVendors(
        db,
        [
          {
            slug: 'fromfile',
            name: 'From File',
            statusPageUrl: 'https://status.fromfile.example',
            platform: 'statuspage',
            category: 'other',
            intervalSeconds: 60,
          },
        ],
        'config',
        new Date().toISOString(),
      );
    });

    const kept = await run(['remove', 'balena'], dir);
    expect([kept.code, kept.err]).toEqual([0, '']);
    expect(kept.out).toContain('its history was kept');
    const deleted = await run(['remove', 'github', '--delete-history'], dir);
    expect([deleted.code, deleted.err]).toEqual([0, '']);
    expect(deleted.out).toContain('deleted its history');
    await inStore(dir, async (db) => {
      expect(await getWatchedVendor(db, 'balena')).toBeNull();
      const names = await db.selectFrom('vendors').select('slug').orderBy('slug').execute();
      // balena's row (its history) stays; github's is gone.
      expect(names.map((row) => row.slug)).toEqual(['balena', 'fromfile']);
    });

    const config = await run(['pause', 'fromfile'], dir);
    expect(config.code).toBe(1);
    expect(config.err).toContain('vendorwatch pause: vendor "fromfile" comes from the config file');
    expect((await run(['remove', 'fromfile'], dir)).err).toContain('change it in the file');
    const missing = await run(['resume', 'nobody'], dir);
    expect([missing.code, missing.err.trim()]).toEqual([
      1,
      'vendorwatch resume: no vendor "nobody" is watched',
    ]);
    expect((await run(['remove'], dir)).code).toBe(2);

    // Added again, the kept vendor is watched once more.
    expect((await run(['add', 'balena'], dir)).code).toBe(0);
    const audit = await inStore(dir, (db) => listAudit(db, { limit: 10 }));
    expect(audit.filter((entry) => entry.action === 'vendor.removed').map((e) => e.detail)).toEqual(
      [{ history: 'delete' }, { history: 'keep' }],
    );
  });
});
