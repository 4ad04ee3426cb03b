// `vendorwatch prune`: the cut-off it accepts and refuses, and a run on a real SQLite file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { markDelivered } from '../../store/outbox.js';
import { migrateToLatest, openStore } from '../../store/index.js';
import {
  addVendors,
  at,
  incident,
  poll,
  snapshot,
  update,
} from '../../store/test-support/harness.js';
import { runCli } from '../main.js';
import { parseCutoff } from './prune.js';

const now = new Date('2026-12-04T12:00:00Z');

describe('prune --before', () => {
  it.each([
    ['2026-09-01', '2026-09-01T00:00:00.000Z'],
    ['2026-09-01T12:30:00Z', '2026-09-01T12:30:00.000Z'],
    ['2026-09-01T12:30:00+02:00', '2026-09-01T10:30:00.000Z'],
  ])('reads %s as %s', (text, instant) => {
    expect(parseCutoff(text, now)).toBe(instant);
  });

  it.each([
    [undefined, '--before DATE is required'],
    ['last week', 'is not a date'],
    ['2026-13-40', 'is not a date'],
    ['90d', 'is not a date'],
    ['2027-01-01', 'is in the future'],
  ])('refuses %s: %s', (text, message) => {
    expect(() => parseCutoff(text, now)).toThrow(message);
  });
});

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

describe('vendorwatch prune on a SQLite file', () => {
  it('counts with --dry-run, then deletes the old sent delivery and keeps the history', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'vw-prune-'));
    const dbPath = join(cwd, 'vw.db');
    writeFileSync(join(cwd, 'vendorwatch.yaml'), `database: ${dbPath}\nvendors: []\n`);
    const store = await openStore(dbPath);
    await migrateToLatest(store);
    await addVendors(store, ['acme']);
    await poll(store, 'acme', snapshot([]), at(-10));
    const opened = incident('i1', { updates: [update('u1', 'investigating', at(0))] });
    await poll(store, 'acme', snapshot([opened]), at(0), () => ['hook']);
    const [row] = await store.db.selectFrom('outbox').select('seq').execute();
    await markDelivered(store.db, row!.seq, at(1));
    await store.close();

    const dry = await run(['prune', '--before', '2026-01-01', '--dry-run', '--json'], cwd);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ dryRun: true, deliveries: 1, payloads: 0 });

    const real = await run(['prune', '--before', '2026-01-01'], cwd);
    expect(real.code).toBe(0);
    expect(real.out).toContain('deleted 1 finished deliveries');
    expect(real.out).toContain('incidents, updates, revisions and events are kept');

    const reopened = await openStore(dbPath);
    const counts = async (table: 'outbox' | 'incidents' | 'events') =>
      Number(
        (
          await reopened.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await counts('outbox')).toBe(0);
    expect(await counts('incidents')).toBe(1);
    expect(await counts('events')).toBeGreaterThan(0);
    await reopened.close();
  });

  it('refuses a date in the future with one clear line', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'vw-prune-'));
    writeFileSync(join(cwd, 'vendorwatch.yaml'), `database: ${join(cwd, 'vw.db')}\nvendors: []\n`);
    const result = await run(['prune', '--before', '2999-01-01'], cwd);
    expect(result.code).not.toBe(0);
    expect(result.err).toContain('is in the future');
  });
});
