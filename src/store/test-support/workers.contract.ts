// Contract: workers. An id survives a restart (a dead predecessor's slot and leases are taken
// back at once), a live worker's id is refused, the heartbeat renews every lease held, and a
// worker without one is swept: gone, taken over, its leases free and its vendors due first.
import { describe, expect, it } from 'vitest';
import { claimDuePolls, dueAtOnce, syncVendors } from '../vendors.js';
import {
  heartbeatWorker,
  listWorkers,
  markWorkerStopped,
  registerWorker,
  sweepGoneWorkers,
  WorkerIdInUseError,
} from '../workers.js';
import { at, storeOpener, vendor, type StoreHarness } from './harness.js';

const lease = 6;
const stats = { pollsTotal: 12, pollsPerSecond: 2.5, claimsTotal: 4, claimMsTotal: 6 };
const addMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

export function registerWorkersContract(harness: StoreHarness): void {
  const opener = storeOpener(harness);
  const base = {
    host: 'h',
    leaseSeconds: lease,
    processAlive: (pid: number) => pid === 100 || pid === 101,
  };

  describe('workers', () => {
    it('gives each live process of a host its own slot, and a dead one its slot back', async () => {
      const { store } = await opener.fresh();
      const first = await registerWorker(store.db, {
        ...base,
        requestedId: null,
        instance: 'a',
        pid: 100,
        now: at(0),
      });
      const second = await registerWorker(store.db, {
        ...base,
        requestedId: null,
        instance: 'b',
        pid: 101,
        now: at(0),
      });
      expect([first.id, second.id]).toEqual(['h-1', 'h-2']);
      await syncVendors(store.db, [vendor('a'), vendor('b')], 'config', at(0));
      await claimDuePolls(store.db, { owner: 'h-2', now: at(0), leaseSeconds: lease, limit: 1 });

      // pid 101 was killed: its restart (pid 102) takes h-2 back, with its lease freed and due.
      const restarted = await registerWorker(store.db, {
        ...base,
        processAlive: (pid) => pid === 100 || pid === 102,
        requestedId: null,
        instance: 'c',
        pid: 102,
        now: addMs(at(0), 1000),
      });
      expect(restarted).toMatchObject({ id: 'h-2', predecessor: { instance: 'b', pid: 101 } });
      const freed = await store.db
        .selectFrom('vendor_state')
        .select(['lease_owner', 'next_poll_at'])
        .where('slug', '=', 'a')
        .executeTakeFirstOrThrow();
      expect(freed).toEqual({ lease_owner: null, next_poll_at: dueAtOnce });
    });

    it('refuses an id a live worker holds, on any host', async () => {
      const { store } = await opener.fresh();
      const register = (host: string, pid: number, instance: string) =>
        registerWorker(store.db, {
          ...base,
          host,
          requestedId: 'eu-1',
          instance,
          pid,
          now: at(0),
        });
      await register('h', 100, 'a');
      await expect(register('other', 100, 'b')).rejects.toThrow(WorkerIdInUseError);
      await expect(register('other', 100, 'b')).rejects.toThrow(/eu-1.*live worker \(h, pid 100\)/);
    });

    it('renews every lease its holder has, and says when the id is no longer its own', async () => {
      const { store } = await opener.fresh();
      await registerWorker(store.db, {
        ...base,
        requestedId: 'w',
        instance: 'a',
        pid: 100,
        now: at(0),
      });
      await syncVendors(store.db, [vendor('a'), vendor('b')], 'config', at(0));
      await claimDuePolls(store.db, { owner: 'w', now: at(0), leaseSeconds: lease, limit: 1 });
      const later = addMs(at(0), 3000);
      const beat = await heartbeatWorker(store.db, {
        id: 'w',
        instance: 'a',
        now: later,
        leaseSeconds: lease,
        stats,
      });
      expect(beat).toEqual({ ok: true, liveWorkers: 1, liveRank: 0 });
      const held = await store.db
        .selectFrom('vendor_state')
        .select(['lease_until', 'next_poll_at'])
        .where('lease_owner', '=', 'w')
        .execute();
      // The claim moved next_poll_at to the first lease's end; renewals leave it (no index churn).
      expect(held).toEqual([{ lease_until: addMs(later, 6000), next_poll_at: addMs(at(0), 6000) }]);
      // Another instance under the id (this one was taken over meanwhile) is not this process.
      expect(
        await heartbeatWorker(store.db, {
          id: 'w',
          instance: 'x',
          now: later,
          leaseSeconds: lease,
          stats,
        }),
      ).toEqual({ ok: false, liveWorkers: 0, liveRank: 0 });
      const [view] = await listWorkers(store.db, { now: later, leaseSeconds: lease });
      expect(view).toMatchObject({
        id: 'w',
        state: 'live',
        vendorsHeld: 1,
        polls: 12,
        pollsPerSecond: 2.5,
        claimMsMean: 1.5,
      });
    });

    it('gives each live worker its place by id, so they can take turns', async () => {
      const { store } = await opener.fresh();
      for (const [id, pid] of [
        ['w-b', 101],
        ['w-a', 100],
        ['w-c', 102],
      ] as const) {
        await registerWorker(store.db, { ...base, requestedId: id, instance: id, pid, now: at(0) });
      }
      const beat = (id: string, ms: number) =>
        heartbeatWorker(store.db, {
          id,
          instance: id,
          now: addMs(at(0), ms),
          leaseSeconds: lease,
          stats,
        });
      expect(await beat('w-a', 1000)).toEqual({ ok: true, liveWorkers: 3, liveRank: 0 });
      expect(await beat('w-b', 1000)).toEqual({ ok: true, liveWorkers: 3, liveRank: 1 });
      expect(await beat('w-c', 1000)).toEqual({ ok: true, liveWorkers: 3, liveRank: 2 });
      // w-a stops beating: a lease later it no longer counts, and the others move up.
      await beat('w-b', 7500);
      expect(await beat('w-c', 7500)).toEqual({ ok: true, liveWorkers: 2, liveRank: 1 });
      expect(await beat('w-b', 7600)).toEqual({ ok: true, liveWorkers: 2, liveRank: 0 });
    });

    it('leaves alone a lease that already outlasts the renewal (a claim of the last second)', async () => {
      const { store } = await opener.fresh();
      await registerWorker(store.db, {
        ...base,
        requestedId: 'w',
        instance: 'a',
        pid: 100,
        now: at(0),
      });
      await syncVendors(store.db, [vendor('a'), vendor('b')], 'config', at(0));
      // 'a' claimed at 0, 'b' 2.5 s later, both for a lease and a heartbeat (7 s).
      await claimDuePolls(store.db, { owner: 'w', now: at(0), leaseSeconds: lease + 1, limit: 1 });
      const second = addMs(at(0), 2500);
      await claimDuePolls(store.db, { owner: 'w', now: second, leaseSeconds: lease + 1, limit: 1 });
      const beatAt = addMs(at(0), 3000);
      await heartbeatWorker(store.db, {
        id: 'w',
        instance: 'a',
        now: beatAt,
        leaseSeconds: lease,
        stats,
      });
      const held = await store.db
        .selectFrom('vendor_state')
        .select(['slug', 'lease_until'])
        .where('lease_owner', '=', 'w')
        .orderBy('slug')
        .execute();
      // 'a' would have ended at 7 s, before the renewal's 9 s: renewed. 'b' ends at 9.5 s already.
      expect(held).toEqual([
        { slug: 'a', lease_until: addMs(beatAt, 6000) },
        { slug: 'b', lease_until: addMs(second, 7000) },
      ]);
    });

    it('sweeps a worker without a heartbeat: gone, taken over, its vendors due first', async () => {
      const { store } = await opener.fresh();
      await registerWorker(store.db, {
        ...base,
        requestedId: 'dead',
        instance: 'a',
        pid: 100,
        now: at(0),
      });
      await registerWorker(store.db, {
        ...base,
        requestedId: 'live',
        instance: 'b',
        pid: 101,
        now: at(0),
      });
      await syncVendors(store.db, [vendor('a'), vendor('b')], 'config', at(0));
      await claimDuePolls(store.db, { owner: 'dead', now: at(0), leaseSeconds: lease, limit: 1 });
      const soon = addMs(at(0), 5000);
      expect(await sweepGoneWorkers(store.db, { now: soon, leaseSeconds: lease })).toEqual([]);
      await heartbeatWorker(store.db, {
        id: 'live',
        instance: 'b',
        now: soon,
        leaseSeconds: lease,
        stats,
      });

      const late = addMs(at(0), 6000);
      expect(await sweepGoneWorkers(store.db, { now: late, leaseSeconds: lease })).toEqual([
        'dead',
      ]);
      const claimed = await claimDuePolls(store.db, {
        owner: 'live',
        now: late,
        leaseSeconds: lease,
        limit: 1,
      });
      expect(claimed.map((c) => c.vendor.slug)).toEqual(['a']);
      const views = await listWorkers(store.db, { now: late, leaseSeconds: lease });
      expect(views.map((w) => [w.id, w.state, w.goneReason, w.takenOverAt])).toEqual([
        ['live', 'live', null, null],
        ['dead', 'gone', 'heartbeat lost', late],
      ]);

      await markWorkerStopped(store.db, { id: 'live', instance: 'b', now: late });
      const [stopped] = await listWorkers(store.db, { now: late, leaseSeconds: lease });
      expect(stopped).toMatchObject({ id: 'dead' });
      const all = await listWorkers(store.db, { now: late, leaseSeconds: lease });
      expect(all.find((w) => w.id === 'live')).toMatchObject({
        state: 'gone',
        goneReason: 'stopped',
      });
      const leased = await store.db
        .selectFrom('vendor_state')
        .select('slug')
        .where('lease_owner', 'is not', null)
        .execute();
      expect(leased).toEqual([]);
    });
  });
}
