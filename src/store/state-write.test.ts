// The reused poll-state UPDATE: each run writes its own values (never the values of the run its
// statement was first built for), the lease condition holds, and the computed columns (coalesce,
// the push rule) are decided in the write.
import { afterEach, describe, expect, it } from 'vitest';
import {
  databaseKinds,
  createTestDatabase,
  type TestDatabase,
} from '../../test/test-support/databases.js';
import { openMigratedStore } from '../../test/test-support/poller.js';
import { syncVendors, type Store } from './index.js';
import { writeState, type ColumnWrite } from './state-write.js';

let store: Store | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await store?.close();
  await database?.drop();
  store = undefined;
  database = undefined;
});

const t = (minute: number) => `2025-09-10T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe.each(databaseKinds)('writeState on %s', (kind) => {
  it('writes each run its own values, under its lease, with computed columns', async () => {
    database = await createTestDatabase(kind);
    store = await openMigratedStore(database.url);
    const db = store.db;
    const vendor = (slug: string) => ({
      slug,
      name: slug,
      statusPageUrl: `https://${slug}.example`,
      platform: 'statuspage' as const,
      category: 'other' as const,
      intervalSeconds: 60,
    });
    await syncVendors(db, [vendor('a'), vendor('b')], 'config', t(0));
    await db.updateTable('vendor_state').set({ lease_owner: 'w1' }).execute();
    const read = (slug: string) =>
      db
        .selectFrom('vendor_state')
        .select([
          'last_polled_at',
          'next_poll_at',
          'failing_since',
          'last_error',
          'lease_owner',
          'consecutive_failures',
        ])
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
    const failure = (now: string, error: string, failures: number): ColumnWrite[] => [
      { column: 'last_polled_at', set: now },
      { column: 'next_poll_at', set: t(30 + failures) },
      { column: 'lease_owner', set: null },
      { column: 'last_error', set: error },
      { column: 'consecutive_failures', set: failures },
      { column: 'failing_since', setIfNull: now },
    ];

    // Another worker's lease: nothing is written.
    expect(await writeState(db, failure(t(1), 'x', 1), { slug: 'a', leaseOwner: 'w2' })).toBe(0);
    expect(await read('a')).toMatchObject({ last_polled_at: null, lease_owner: 'w1' });

    expect(await writeState(db, failure(t(1), 'first', 1), { slug: 'a', leaseOwner: 'w1' })).toBe(
      1,
    );
    // The same shape again, for another vendor and with other values.
    expect(await writeState(db, failure(t(2), 'second', 2), { slug: 'b', leaseOwner: 'w1' })).toBe(
      1,
    );
    expect(await read('a')).toEqual({
      last_polled_at: t(1),
      next_poll_at: t(31),
      failing_since: t(1),
      last_error: 'first',
      lease_owner: null,
      consecutive_failures: 1,
    });
    expect(await read('b')).toMatchObject({
      last_polled_at: t(2),
      next_poll_at: t(32),
      failing_since: t(2),
      last_error: 'second',
      consecutive_failures: 2,
    });

    // The streak goes on: failing_since keeps its first instant (lease released: no condition).
    expect(await writeState(db, failure(t(3), 'third', 2), { slug: 'a' })).toBe(1);
    expect(await read('a')).toMatchObject({ failing_since: t(1), last_error: 'third' });

    // The push rule: a push after the poll's start makes the vendor due at afterPush.
    await db
      .updateTable('vendor_state')
      .set({ push_received_at: t(5) })
      .where('slug', '=', 'a')
      .execute();
    const pushRule = (pollStart: string): ColumnWrite[] => [
      { column: 'next_poll_at', pollStart, afterPush: t(10), otherwise: t(40) },
    ];
    await writeState(db, pushRule(t(4)), { slug: 'a' });
    expect((await read('a')).next_poll_at).toBe(t(10));
    await writeState(db, pushRule(t(6)), { slug: 'a' });
    expect((await read('a')).next_poll_at).toBe(t(40));
  });
});
