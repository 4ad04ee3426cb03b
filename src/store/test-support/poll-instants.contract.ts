// Contract: the two instants of a vendor's poll history — its first successful read (set once)
// and the start of its current failure streak (set by the streak's first failure, cleared by a
// success) — are written with the poll's bookkeeping on every path, and backfilled on upgrade.
import { Migrator, sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { commitCycle, type CycleRecord } from '../commit-cycle.js';
import { createBookkeepingBatch } from '../bookkeeping-batch.js';
import { openStore } from '../db.js';
import { migrateToLatest } from '../migrations/index.js';
import * as initial from '../migrations/2026_11_26_0001_initial.js';
import * as notify from '../migrations/2026_11_27_0001_notify.js';
import * as apiTargets from '../migrations/2026_11_28_0001_api_targets.js';
import * as failureReach from '../migrations/2026_11_28_0002_failure_reach.js';
import type { Database } from '../schema.js';
import { getVendorDetail, listVendorStatuses } from '../vendor-status.js';
import {
  addVendors,
  at,
  incident,
  poll,
  snapshot,
  storeOpener,
  type StoreHarness,
} from './harness.js';

type Outcome = CycleRecord['outcome'];

function cycle(slug: string, now: string, outcome: Outcome): CycleRecord {
  return {
    vendorSlug: slug,
    now,
    nextPollAt: at(60),
    leaseOwner: null,
    outcome,
    unreachableReported: false,
    events: [],
  };
}

const failure = (consecutiveFailures: number): Outcome => ({
  kind: 'failure',
  error: 'HTTP 503',
  consecutiveFailures,
  reached: true,
});
const unchanged: Outcome = { kind: 'success', plan: { components: null, incidents: [] } };

async function instants(db: Kysely<Database>, slug: string) {
  const row = await db
    .selectFrom('vendor_state')
    .select(['first_success_at', 'failing_since', 'consecutive_failures'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  return [row.first_success_at, row.failing_since, row.consecutive_failures];
}

export function registerPollInstantsContract(harness: StoreHarness): void {
  const opener = storeOpener(harness);

  describe('first success and failure streak', () => {
    it('sets the first success once and the streak start at its first failure, alone or batched', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['alone', 'batched']);
      for (const slug of ['alone', 'batched']) {
        const batch = createBookkeepingBatch(store.db, () => setTimeout(() => batch.flush(), 1));
        const options = slug === 'batched' ? { bookkeeping: batch } : {};
        const record = (now: string, outcome: Outcome) =>
          commitCycle(store.db, cycle(slug, now, outcome), options);
        expect(await instants(store.db, slug)).toEqual([null, null, 0]);
        // Never read: the streak starts at the first poll ever.
        await record(at(1), failure(1));
        await record(at(2), failure(2));
        expect(await instants(store.db, slug)).toEqual([null, at(1), 2]);
        await record(at(3), unchanged);
        expect(await instants(store.db, slug)).toEqual([at(3), null, 0]);
        await record(at(4), failure(1));
        await record(at(5), failure(2));
        expect(await instants(store.db, slug)).toEqual([at(3), at(4), 2]);
        await record(at(6), unchanged);
        expect(await instants(store.db, slug)).toEqual([at(3), null, 0]);
      }
    });

    it('writes them in the full transaction too (a poll with data, a failure with an event)', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['acme']);
      await poll(store, 'acme', snapshot([incident('x')]), at(1));
      await commitCycle(store.db, {
        ...cycle('acme', at(2), failure(1)),
        unreachableReported: true,
        events: [
          {
            event: {
              type: 'vendor.unreachable',
              vendorSlug: 'acme',
              incidentId: null,
              updateId: null,
              component: null,
              changes: { error: { from: null, to: 'HTTP 503' } },
              at: at(2),
            },
            deliveries: [],
          },
        ],
      });
      await commitCycle(store.db, cycle('acme', at(3), failure(2)));
      expect(await instants(store.db, 'acme')).toEqual([at(1), at(2), 2]);
      expect(await getVendorDetail(store.db, 'acme', at(3))).toMatchObject({
        firstSuccessAt: at(1),
        failingSince: at(2),
        consecutiveFailures: 2,
      });
      await poll(store, 'acme', snapshot([incident('x'), incident('y')]), at(4));
      const [summary] = await listVendorStatuses(store.db, at(4));
      expect(summary).toMatchObject({
        firstSuccessAt: at(1),
        failingSince: null,
        consecutiveFailures: 0,
      });
    });

    it('backfills both on upgrade from what the store holds', async () => {
      const url = await harness.freshDatabase();
      const store = await openStore(url);
      try {
        const before: Record<string, typeof initial> = {
          '2026_11_26_0001_initial': initial,
          '2026_11_27_0001_notify': notify,
          '2026_11_28_0001_api_targets': apiTargets,
          '2026_11_28_0002_failure_reach': failureReach,
        };
        // As migrateToLatest does: PostgreSQL keeps the history in the store's own schema.
        const schema =
          store.dialect === 'postgres'
            ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]?.s
            : undefined;
        const migrator = new Migrator({
          db: store.db,
          provider: { getMigrations: () => Promise.resolve(before) },
          migrationTableSchema: schema,
        });
        const { error } = await migrator.migrateToLatest();
        expect(error).toBeUndefined();
        await addVendors(store, ['read', 'failing', 'never', 'quiet'], at(0));
        // Read at 1 (an incident detected then), last success at 9.
        await legacyPoll(store.db, 'read', at(1), snapshot([incident('x')]));
        await legacyState(store.db, 'read', { last_success_at: at(9), last_polled_at: at(9) });
        // Read at 2, failing since (about) its last success at 5.
        await legacyPoll(store.db, 'failing', at(2), snapshot([]));
        await legacyState(store.db, 'failing', {
          last_success_at: at(5),
          last_polled_at: at(8),
          last_error: 'HTTP 503',
          consecutive_failures: 3,
        });
        // Never read, tried and failing since it was added.
        await legacyState(store.db, 'never', { last_polled_at: at(3), last_error: 'HTTP 404' });

        await migrateToLatest(store);
        expect(await instants(store.db, 'read')).toEqual([at(1), null, 0]);
        expect(await instants(store.db, 'failing')).toEqual([at(2), at(5), 3]);
        expect(await instants(store.db, 'never')).toEqual([null, at(0), 0]);
        expect(await instants(store.db, 'quiet')).toEqual([null, null, 0]);
      } finally {
        await store.close();
      }
    });
  });
}

/** A successful poll as a store before the new columns recorded it: data rows and last success. */
async function legacyPoll(
  db: Kysely<Database>,
  slug: string,
  now: string,
  next: ReturnType<typeof snapshot>,
): Promise<void> {
  for (const [index, component] of next.components.entries()) {
    await db
      .insertInto('components')
      .values({
        vendor_slug: slug,
        id: component.id,
        name: component.name,
        group_name: null,
        status: component.status,
        position: index,
        updated_at: now,
      })
      .execute();
  }
  for (const observed of next.incidents) {
    await db
      .insertInto('incidents')
      .values({
        id: `${slug}-${observed.sourceId}`,
        vendor_slug: slug,
        source_id: observed.sourceId,
        title: observed.title,
        kind: observed.kind,
        impact: observed.impact,
        phase: observed.phase,
        started_at: observed.startedAt,
        resolved_at: null,
        detected_at: now,
        backfilled: 1,
        source_url: null,
        components: '[]',
        scheduled_for: null,
        scheduled_until: null,
        active: 1,
        updated_at: now,
      })
      .execute();
  }
  await legacyState(db, slug, { last_success_at: now, last_polled_at: now });
}

async function legacyState(
  db: Kysely<Database>,
  slug: string,
  changes: {
    last_success_at?: string;
    last_polled_at?: string;
    last_error?: string;
    consecutive_failures?: number;
  },
): Promise<void> {
  await db.updateTable('vendor_state').set(changes).where('slug', '=', slug).execute();
}
