// The batch on a real SQLite file: writes of the same moment share one transaction, each caller
// gets its own answer, and one failing write does not sink the others.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { batchBookkeeping } from './bookkeeping-batch.js';
import { addVendors } from './contract/harness.js';
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

describe('batchBookkeeping', () => {
  it('writes what comes together in one transaction and answers each caller', async () => {
    store = await openFileStore();
    const slugs = Array.from({ length: 10 }, (_, i) => `v${i}`);
    await addVendors(store, slugs);
    const transactions = new Set<Kysely<Database>>();
    const answers = await Promise.all(
      [...slugs, 'missing'].map((slug) =>
        batchBookkeeping(store!.db, async (trx) => {
          transactions.add(trx);
          return setError(slug, `error of ${slug}`)(trx);
        }),
      ),
    );
    expect(transactions.size).toBe(1);
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
    const results = await Promise.allSettled([
      batchBookkeeping(store.db, setError('a', 'kept')),
      batchBookkeeping(store.db, () => Promise.reject(new Error('this write fails'))),
      batchBookkeeping(store.db, setError('b', 'kept too')),
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
});
