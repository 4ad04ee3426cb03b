// What only SQLite has: the database is a file. Foreign files are refused and left untouched,
// durability pragmas are set, and two connections writing at once never surface SQLITE_BUSY.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { addVendors, at, incident, poll, snapshot, update } from './test-support/harness.js';
import { openStore, type Store } from './db.js';
import { listEvents } from './events.js';
import { getIncident } from './incidents.js';
import { migrateToLatest } from './migrations/index.js';
import type { Database } from './schema.js';

const dir = mkdtempSync(join(tmpdir(), 'vw-sqlite-'));
let counter = 0;
const opened: Store[] = [];
const freshPath = () => join(dir, `case-${++counter}`, 'vendorwatch.db');

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(path: string, options?: Parameters<typeof openStore>[1]): Promise<Store> {
  const store = await openStore(path, options);
  opened.push(store);
  await migrateToLatest(store);
  return store;
}

async function pragma(store: Store, name: string): Promise<unknown> {
  const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(
    store.db,
  );
  return Object.values(rows[0] ?? {})[0];
}

/** Ten polls per vendor; each commit holds the write lock across several awaits. */
async function pollMany(store: Store, slugs: string[]): Promise<void> {
  for (let round = 1; round <= 10; round++) {
    for (const slug of slugs) {
      const updates = Array.from({ length: round }, (_, i) =>
        update(`u${i}`, 'investigating', at(i)),
      );
      await poll(store, slug, snapshot([incident('x', { updates })]), at(round), () => ['ops']);
    }
  }
}

describe('SQLite files', () => {
  it('refuses a file that is not a SQLite database and leaves it untouched', async () => {
    for (const content of [
      'hello, this is not a database\n'.repeat(50),
      'SQLite format 3\u0000' + 'x'.repeat(5000),
    ]) {
      const path = freshPath();
      await open(join(path, '..', 'sibling.db')); // creates the directory
      writeFileSync(path, content, 'latin1');
      const before = readFileSync(path);
      await expect(openStore(path)).rejects.toThrow(
        `${path} is not a vendorwatch database (file is not a database)`,
      );
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(existsSync(`${path}-wal`)).toBe(false);
    }
  });

  it("refuses another application's SQLite database", async () => {
    const path = freshPath();
    await open(join(path, '..', 'sibling.db'));
    const foreign = new BetterSqlite3(path);
    foreign.exec('create table notes (body text); insert into notes values (1)');
    foreign.close();
    await expect(openStore(path)).rejects.toThrow(
      'is not a vendorwatch database (it holds other tables: notes)',
    );
  });

  it('opens in WAL mode with foreign keys, a busy timeout and the chosen synchronous level', async () => {
    const normal = await open(freshPath());
    expect(await pragma(normal, 'journal_mode')).toBe('wal');
    expect(await pragma(normal, 'foreign_keys')).toBe(1);
    expect(await pragma(normal, 'busy_timeout')).toBe(5000);
    expect(await pragma(normal, 'synchronous')).toBe(1);
    const full = await open(freshPath(), { synchronous: 'FULL' });
    expect(await pragma(full, 'synchronous')).toBe(2);
  });

  it('fails a cycle cleanly when the disk is full and records it once space returns', async () => {
    const store = await open(freshPath());
    await addVendors(store, ['balena']);
    await poll(store, 'balena', snapshot([]), at(0));
    const pages = Number(await pragma(store, 'page_count'));
    await sql.raw(`pragma max_page_count = ${pages}`).execute(store.db);
    const body = 'x'.repeat(4000);
    const big = Array.from({ length: 100 }, (_, i) =>
      incident(`i${i}`, { updates: [update(`u${i}`, 'investigating', at(0), body)] }),
    );
    await expect(poll(store, 'balena', snapshot(big), at(1))).rejects.toMatchObject({
      code: 'SQLITE_FULL',
    });
    expect(await listEvents(store.db, {})).toEqual({ events: [], nextCursor: null });
    expect(await getIncident(store.db, 'balena-i0')).toBeNull();
    await sql.raw('pragma max_page_count = 1073741823').execute(store.db);
    expect(await poll(store, 'balena', snapshot(big), at(2))).toHaveLength(100);
  });

  it('lets two stores on one file write concurrently without SQLITE_BUSY', async () => {
    const path = freshPath();
    const first = await open(path);
    const second = await open(path);
    const slugs = ['a', 'b', 'c', 'd', 'e', 'f'];
    await addVendors(first, slugs);
    await Promise.all([pollMany(first, slugs.slice(0, 3)), pollMany(second, slugs.slice(3))]);
    const events = await listEvents(first.db, { limit: 1000 });
    // Per vendor: round 1 is its first poll (history, no event), then one update per round.
    expect(events.events).toHaveLength(54);
    expect(new Set(events.events.map((e) => e.id)).size).toBe(54);
    const updates = await second.db.selectFrom('incident_updates').select('id').execute();
    expect(updates).toHaveLength(60);
  });

  it('(control) the same load on a plain BEGIN does hit SQLITE_BUSY, so the test above can fail', async () => {
    const path = freshPath();
    const ours = await open(path);
    const database = new BetterSqlite3(path, { timeout: 50 });
    const stockDb = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    const stock: Store = { db: stockDb, dialect: 'sqlite', close: () => stockDb.destroy() };
    opened.push(stock);
    await addVendors(ours, ['a', 'b', 'c', 'd']);
    const results = await Promise.allSettled([
      pollMany(ours, ['a', 'b']),
      pollMany(stock, ['c', 'd']),
    ]);
    const codes = results.flatMap((r) =>
      r.status === 'rejected' ? [(r.reason as { code?: string }).code] : [],
    );
    expect(codes.some((code) => code?.startsWith('SQLITE_BUSY'))).toBe(true);
  });
});
