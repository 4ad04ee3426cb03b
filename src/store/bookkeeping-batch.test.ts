// The batch on a real SQLite file: writes of the same moment share one transaction, each caller
// gets its own answer, and one failing write does not sink the others. Its owner's timer decides
// when a batch is written, except that a full one is written at once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bookkeepingGatherMs,
  createBookkeepingBatch,
  type BookkeepingBatch,
} from './bookkeeping-batch.js';
import { addVendors } from './test-support/harness.js';
import { migrateToLatest, openStore, type Store } from './index.js';
import type { Database } from './schema.js';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function openFileStore(): Promise<Store> {
  const opened = await openStore(join(mkdtempSync(join(tmpdir(), 'vw-batch-')), 'vw.db'));
  await migrateToLatest(opened);
  return opened;
}

const setError = (slug: string, error: string) => async (trx: Kysely<Database>) =>
  Number(
    (
      await trx
        .updateTable('vendor_state')
        .set({ last_error: error })
        .where('slug', '=', slug)
        .executeTakeFirst()
    ).numUpdatedRows,
  );

/** A batch flushed as the scheduler does: bookkeepingGatherMs after each batch starts. */
function timedBatch(db: Kysely<Database>): { batch: BookkeepingBatch; started: () => number } {
  let starts = 0;
  let timer: NodeJS.Timeout | null = null;
  const batch = createBookkeepingBatch(db, () => {
    starts += 1;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => batch.flush(), bookkeepingGatherMs);
  });
  return { batch, started: () => starts };
}

describe('the bookkeeping batch', () => {
  it('writes what comes together in one transaction and answers each caller', async () => {
    store = await openFileStore();
    const slugs = Array.from({ length: 10 }, (_, i) => `v${i}`);
    await addVendors(store, slugs);
    const { batch, started } = timedBatch(store.db);
    const transactions = new Set<Kysely<Database>>();
    const answers = await Promise.all(
      [...slugs, 'missing'].map((slug) =>
        batch.add(async (trx) => {
          transactions.add(trx);
          return setError(slug, `error of ${slug}`)(trx);
        }),
      ),
    );
    expect(transactions.size).toBe(1);
    expect(started()).toBe(1);
    expect(answers).toEqual([...slugs.map(() => 1), 0]);
    const rows = await store.db
      .selectFrom('vendor_state')
      .select(['slug', 'last_error'])
      .orderBy('slug')
      .execute();
    expect(rows).toEqual(slugs.map((slug) => ({ slug, last_error: `error of ${slug}` })));
  });

  it('keeps the other writes when one of a batch fails', async () => {
    store = await openFileStore();
    await addVendors(store, ['a', 'b']);
    const { batch } = timedBatch(store.db);
    const results = await Promise.allSettled([
      batch.add(setError('a', 'kept')),
      batch.add(() => Promise.reject(new Error('this write fails'))),
      batch.add(setError('b', 'kept too')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('this write fails'));
    const rows = await store.db
      .selectFrom('vendor_state')
      .select(['slug', 'last_error'])
      .orderBy('slug')
      .execute();
    expect(rows).toEqual([
      { slug: 'a', last_error: 'kept' },
      { slug: 'b', last_error: 'kept too' },
    ]);
  });

  it('writes nothing before its owner flushes, except a full batch, which goes at once', async () => {
    store = await openFileStore();
    const slugs = Array.from({ length: 65 }, (_, i) => `v${i}`);
    await addVendors(store, slugs);
    let starts = 0;
    const batch = createBookkeepingBatch(store.db, () => (starts += 1));
    const first = slugs.slice(0, 64).map((slug) => batch.add(setError(slug, 'full')));
    // The 64th write filled the batch: written without a flush.
    expect(await Promise.all(first)).toEqual(first.map(() => 1));
    const last = batch.add(setError('v64', 'flushed'));
    expect(starts).toBe(2);
    let settled = false;
    void last.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    batch.flush();
    expect(await last).toBe(1);
    const row = await store.db
      .selectFrom('vendor_state')
      .select('last_error')
      .where('slug', '=', 'v64')
      .executeTakeFirstOrThrow();
    expect(row.last_error).toBe('flushed');
  });

  it('writes one batch at a time: what comes meanwhile goes in the next one, together', async () => {
    store = await openFileStore();
    const slugs = Array.from({ length: 6 }, (_, i) => `v${i}`);
    await addVendors(store, slugs);
    const batch = createBookkeepingBatch(store.db, () => undefined);
    const transactions: Array<Kysely<Database>> = [];
    const tracked = (slug: string, gate?: Promise<void>) =>
      batch.add(async (trx) => {
        if (!transactions.includes(trx)) transactions.push(trx);
        await gate;
        return setError(slug, 'written')(trx);
      });
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const first = tracked('v0', gate);
    batch.flush();
    // Five more polls finish while the first batch is still being written; each asks to flush.
    const rest = slugs.slice(1).map((slug) => {
      const written = tracked(slug);
      batch.flush();
      return written;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(transactions).toHaveLength(1);
    open();
    expect(await Promise.all([first, ...rest])).toEqual(slugs.map(() => 1));
    // With a transaction per flush the five would have taken five; they share the second.
    expect(transactions).toHaveLength(2);
  });
});
