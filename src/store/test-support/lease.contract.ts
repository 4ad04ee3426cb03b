// Contract: sharing polls. Concurrent claims are disjoint, and a worker whose lease was taken
// over records nothing, so two workers never both record the same change.
import { describe, expect, it } from 'vitest';
import { diffSnapshot } from '../../domain/diff.js';
import { commitCycle } from '../commit-cycle.js';
import { loadPollState } from '../poll-state.js';
import { loadPreviousState } from '../previous-state.js';
import { claimDuePolls, claimDueVendors, releaseLeases, syncVendors } from '../vendors.js';
import {
  at,
  countRows,
  incident,
  poll,
  routedTo,
  snapshot,
  storeOpener,
  vendor,
  type StoreHarness,
} from './harness.js';

export function registerLeaseContract(harness: StoreHarness): void {
  const opener = storeOpener(harness);

  describe('claimDueVendors', () => {
    it('hands each claimed vendor its poll state, as loadPollState reads it', async () => {
      const { store } = await opener.fresh();
      await syncVendors(store.db, [vendor('a'), vendor('b')], 'config', at(0));
      await poll(store, 'a', snapshot([incident('x')]), at(1));
      await store.db
        .updateTable('vendor_state')
        .set({
          next_poll_at: at(2),
          consecutive_failures: 2,
          last_error: 'HTTP 503',
          validators: JSON.stringify({
            'https://a.example/x': { etag: '"1"', lastModified: null },
          }),
        })
        .where('slug', '=', 'b')
        .execute();
      const expected = {
        a: await loadPollState(store.db, 'a'),
        b: await loadPollState(store.db, 'b'),
      };
      const claimed = await claimDuePolls(store.db, {
        owner: 'w1',
        now: at(3),
        leaseSeconds: 30,
        limit: 10,
      });
      expect(claimed.map(({ vendor: v, state }) => [v.slug, state])).toEqual([
        ['a', expected.a],
        ['b', expected.b],
      ]);
      expect(expected.b).toMatchObject({ consecutiveFailures: 2, lastError: 'HTTP 503' });
      expect(claimed[1]!.vendor).toEqual(vendor('b'));
    });

    it('claims due, enabled, unleased vendors, soonest due first, and leases them', async () => {
      const { store } = await opener.fresh();
      await syncVendors(store.db, [vendor('c'), vendor('a'), vendor('b')], 'config', at(0));
      await syncVendors(store.db, [vendor('later')], 'api', at(10));
      await syncVendors(store.db, [vendor('gone')], 'api', at(0));
      await store.db
        .updateTable('vendors')
        .set({ enabled: 0 })
        .where('slug', '=', 'gone')
        .execute();
      await store.db
        .updateTable('vendor_state')
        .set({ next_poll_at: at(-1) })
        .where('slug', '=', 'b')
        .execute();

      const claimed = await claimDueVendors(store.db, {
        owner: 'w1',
        now: at(1),
        leaseSeconds: 30,
        limit: 10,
      });
      expect(claimed.map((v) => v.slug)).toEqual(['b', 'a', 'c']);
      expect(claimed[0]).toEqual(vendor('b'));
      expect(
        await claimDueVendors(store.db, { owner: 'w2', now: at(1), leaseSeconds: 30, limit: 10 }),
      ).toEqual([]);
      const state = await store.db
        .selectFrom('vendor_state')
        .selectAll()
        .where('slug', '=', 'a')
        .executeTakeFirstOrThrow();
      expect(state).toMatchObject({ lease_owner: 'w1', lease_until: '2025-09-10T10:01:30.000Z' });

      // A leased vendor is due again when its lease ends (held vendors leave the due range), so
      // an expired lease is free again, in slug order among leases ending together.
      expect(state.next_poll_at).toBe('2025-09-10T10:01:30.000Z');
      const taken = await claimDueVendors(store.db, {
        owner: 'w2',
        now: at(2),
        leaseSeconds: 30,
        limit: 1,
      });
      expect(taken.map((v) => v.slug)).toEqual(['a']);
      // A released one is due at once, ahead of the rest: its poll is overdue.
      expect(await releaseLeases(store.db, 'w2')).toBe(1);
      const again = await claimDueVendors(store.db, {
        owner: 'w3',
        now: at(2),
        leaseSeconds: 30,
        limit: 10,
      });
      expect(again.map((v) => v.slug)).toEqual(['a', 'b', 'c']);
    });

    it('gives concurrent claimers on separate connections disjoint sets', async () => {
      const { url, store } = await opener.fresh();
      const slugs = Array.from({ length: 60 }, (_, i) => `v${String(i).padStart(2, '0')}`);
      await syncVendors(
        store.db,
        slugs.map((slug) => vendor(slug)),
        'config',
        at(0),
      );
      const other = await opener.openAt(url);
      const claimers = [store, other, store, other];
      const seen: string[] = [];
      for (let round = 0; round < 5; round++) {
        const results = await Promise.all(
          claimers.map((s, i) =>
            claimDueVendors(s.db, { owner: `w${i}`, now: at(1), leaseSeconds: 60, limit: 4 }),
          ),
        );
        for (const result of results) seen.push(...result.map((v) => v.slug));
      }
      expect(seen).toHaveLength(60);
      expect(new Set(seen).size).toBe(60);
      const owners = await store.db
        .selectFrom('vendor_state')
        .select('lease_owner')
        .distinct()
        .execute();
      expect(owners.map((row) => row.lease_owner).sort()).toEqual(['w0', 'w1', 'w2', 'w3']);
    });
  });

  describe('lease guard', () => {
    it('records nothing for a worker whose lease another worker took over', async () => {
      const { store } = await opener.fresh();
      await syncVendors(store.db, [vendor('balena')], 'config', at(0));
      await poll(store, 'balena', snapshot([]), at(0));
      await store.db
        .updateTable('vendor_state')
        .set({ next_poll_at: at(0) })
        .execute();

      const [claimedBySlow] = await claimDueVendors(store.db, {
        owner: 'slow',
        now: at(1),
        leaseSeconds: 30,
        limit: 1,
      });
      expect(claimedBySlow?.slug).toBe('balena');
      // The slow worker stalls past its lease; another worker claims the vendor.
      const [claimedByFast] = await claimDueVendors(store.db, {
        owner: 'fast',
        now: at(2),
        leaseSeconds: 30,
        limit: 1,
      });
      expect(claimedByFast?.slug).toBe('balena');

      const next = snapshot([incident('x')]);
      const previous = await loadPreviousState(store.db, 'balena', ['x']);
      const plan = diffSnapshot('balena', previous, next, at(3));
      const record = (owner: string, now: string) => ({
        vendorSlug: 'balena',
        now,
        nextPollAt: at(10),
        leaseOwner: owner,
        outcome: { kind: 'success' as const, plan },
        unreachableReported: false,
        events: routedTo(plan.events, 'ops'),
      });
      const fastEvents = await commitCycle(store.db, record('fast', at(3)));
      expect(fastEvents.map((e) => e.type)).toEqual(['incident.opened']);
      const afterFast = await loadPollState(store.db, 'balena');

      expect(await commitCycle(store.db, record('slow', at(4)))).toEqual([]);
      expect(await countRows(store, 'events')).toBe(1);
      expect(await countRows(store, 'outbox')).toBe(1);
      expect(await countRows(store, 'incidents')).toBe(1);
      expect(await loadPollState(store.db, 'balena')).toEqual(afterFast);
      expect(afterFast).toMatchObject({ lastPolledAt: at(3), nextPollAt: at(10) });
      const state = await store.db.selectFrom('vendor_state').selectAll().executeTakeFirstOrThrow();
      expect(state).toMatchObject({ lease_owner: null, lease_until: null });
    });
  });
}
