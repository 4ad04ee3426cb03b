// Contract: what is stored comes back the same — across a reopen, for every instant, for hostile
// strings — and the poll state follows successes and failures.
import { describe, expect, it } from 'vitest';
import { diffSnapshot } from '../../domain/diff.js';
import type { PlannedEvent } from '../../domain/diff.js';
import { commitCycle } from '../commit-cycle.js';
import { migrateToLatest } from '../migrations/index.js';
import { listEvents } from '../events.js';
import { getIncident, listIncidents, listRevisions } from '../incidents.js';
import { loadPollState, loadRawPayload } from '../poll-state.js';
import { loadPreviousState } from '../previous-state.js';
import { getVendorDetail } from '../vendor-status.js';
import { findVendorName } from '../vendors.js';
import {
  addVendors,
  at,
  countRows,
  incident,
  poll,
  routedTo,
  snapshot,
  storeOpener,
  update,
  type StoreHarness,
} from './harness.js';

const unreachable: PlannedEvent = {
  type: 'vendor.unreachable',
  vendorSlug: 'balena',
  incidentId: null,
  updateId: null,
  component: null,
  changes: { error: { from: null, to: 'HTTP 503' } },
  at: at(1),
};

export function registerPersistenceContract(harness: StoreHarness): void {
  const opener = storeOpener(harness);

  describe('persistence', () => {
    it('keeps everything across closing and reopening the store', async () => {
      const { url, store } = await opener.fresh();
      await addVendors(store, ['balena']);
      await poll(store, 'balena', snapshot([]), at(0));
      const x = incident('x', { title: 'First title' });
      await poll(store, 'balena', snapshot([x]), at(1), () => ['ops']);
      await poll(store, 'balena', snapshot([{ ...x, title: 'Second title' }]), at(2), () => [
        'ops',
      ]);
      const reads = async (s: typeof store) => ({
        incident: await getIncident(s.db, 'balena-x'),
        list: await listIncidents(s.db, {}),
        revisions: await listRevisions(s.db, 'balena-x'),
        events: await listEvents(s.db, {}),
        state: await loadPollState(s.db, 'balena'),
        previous: await loadPreviousState(s.db, 'balena', ['x']),
        outbox: await s.db.selectFrom('outbox').selectAll().orderBy('seq').execute(),
      });
      const before = await reads(store);
      expect(before.events.events).toHaveLength(2);
      await opener.close(store);

      const reopened = await opener.openAt(url);
      expect(await migrateToLatest(reopened)).toEqual([]);
      expect(await reads(reopened)).toEqual(before);
    });

    it('returns every stored instant exactly as written, and stores offsets as UTC', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['balena']);
      await poll(store, 'balena', snapshot([]), at(0));
      const instants = [
        '1995-01-01T00:00:00.000Z',
        '2024-02-29T23:59:59.999Z',
        '2025-09-10T10:00:00.001Z',
        '2199-12-31T23:59:59.999Z',
      ];
      const observed = instants.map((instant, i) =>
        incident(`t${i}`, {
          phase: 'resolved',
          resolvedAt: instant,
          scheduledFor: instant,
          scheduledUntil: instant,
          updates: [update(`t${i}-u`, 'resolved', instant)],
        }),
      );
      const offset = incident('offset', {
        updates: [update('o-u', 'investigating', '2025-09-10T12:30:00+02:00')],
      });
      await poll(store, 'balena', snapshot([...observed, offset]), at(1));
      for (const [i, instant] of instants.entries()) {
        const stored = await getIncident(store.db, `balena-t${i}`);
        expect(stored).toMatchObject({
          startedAt: instant,
          resolvedAt: instant,
          scheduledFor: instant,
          scheduledUntil: instant,
        });
        expect(stored?.updates[0]?.postedAt).toBe(instant);
      }
      const normalized = await getIncident(store.db, 'balena-offset');
      expect(normalized?.startedAt).toBe('2025-09-10T10:30:00.000Z');

      const broken = incident('broken', { startedAt: 'yesterday' });
      await expect(poll(store, 'balena', snapshot([broken]), at(2))).rejects.toThrow(
        /not an instant/,
      );
      expect(await getIncident(store.db, 'balena-broken')).toBeNull();
    });

    it('stores NUL bytes and lone surrogates that slip past cleanText as cleaned text', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['balena']);
      const hostile = 'API\u0000 down \uD800 in \uDC00 eu';
      const cleaned = 'API down \uFFFD in \uFFFD eu';
      const components = [
        {
          id: 'api\u0000',
          name: hostile,
          group: hostile,
          status: 'operational' as const,
          position: 0,
        },
      ];
      await poll(store, 'balena', snapshot([], components), at(0));
      const x = incident('x', {
        title: hostile,
        components: [hostile],
        updates: [
          {
            ...update('u1', 'investigating', at(1)),
            body: hostile,
            bodyText: hostile,
            components: [hostile],
          },
        ],
      });
      const events = await poll(store, 'balena', snapshot([x], components), at(1), () => ['ops']);
      expect(events).toHaveLength(1);
      const stored = await getIncident(store.db, 'balena-x');
      expect(stored).toMatchObject({ title: cleaned, components: [cleaned] });
      expect(stored?.updates[0]).toMatchObject({
        body: cleaned,
        bodyText: cleaned,
        components: [cleaned],
      });
      const previous = await loadPreviousState(store.db, 'balena', ['x']);
      expect(previous?.components[0]).toMatchObject({ id: 'api', name: cleaned, group: cleaned });

      await poll(
        store,
        'balena',
        snapshot([{ ...x, title: `${hostile}!` }], components),
        at(2),
        () => ['ops'],
      );
      const [revision] = await listRevisions(store.db, 'balena-x');
      expect(revision).toMatchObject({ from: cleaned, to: `${cleaned}!` });
      const logged = await listEvents(store.db, {});
      // (Raw strings differ from their stored form on every poll, hence adapters clean them first.)
      expect(logged.events[1]?.changes).toMatchObject({
        title: { from: cleaned, to: `${cleaned}!` },
      });
      expect((await listIncidents(store.db, { q: 'down \u0000' })).incidents).toHaveLength(1);
      // Hostile lookups from the API (PostgreSQL rejects NUL in any text parameter).
      expect((await listIncidents(store.db, { vendor: 'bal\u0000ena' })).incidents).toHaveLength(1);
      expect(await getIncident(store.db, 'balena-x\u0000')).not.toBeNull();
      expect(await listRevisions(store.db, 'balena-\u0000x')).toHaveLength(2);
      const forged = Buffer.from(JSON.stringify(['2030-01-01T00:00:00.000Z', 'z\u0000'])).toString(
        'base64url',
      );
      expect((await listIncidents(store.db, { cursor: forged })).incidents).toHaveLength(1);
      expect((await listEvents(store.db, { vendor: '\u0000balena' })).events).toHaveLength(2);
      expect(await getVendorDetail(store.db, 'balena\u0000', at(3))).not.toBeNull();
      expect(await findVendorName(store.db, '\ud800')).toBeNull();
    });

    it('tracks failures and recovery in the poll state, keeping the last good data', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['balena']);
      const initial = await loadPollState(store.db, 'balena');
      expect(initial).toMatchObject({
        nextPollAt: at(0),
        lastSuccessAt: null,
        consecutiveFailures: 0,
        validators: {},
      });
      expect(await loadRawPayload(store.db, 'balena')).toBeNull();
      expect(await loadPreviousState(store.db, 'balena', [])).toBeNull();
      expect(await loadPollState(store.db, 'nobody')).toBeNull();

      const validators = {
        'https://status.balena.io/api/v2/summary.json': { etag: 'W/"abc"', lastModified: null },
      };
      const rawPayload = { summary: '{"page":{"name":"Balena\\u0000"}}', incidents: null };
      const plan = diffSnapshot('balena', null, snapshot([incident('x')]), at(0));
      const success = (now: string, extraEvents: PlannedEvent[] = []) => ({
        vendorSlug: 'balena',
        now,
        nextPollAt: at(30),
        leaseOwner: null,
        unreachableReported: false,
        events: routedTo([...extraEvents, ...plan.events]),
        outcome: { kind: 'success' as const, plan, validators, rawPayload, pageName: 'Balena' },
      });
      await commitCycle(store.db, success(at(0)));
      expect(await loadPollState(store.db, 'balena')).toMatchObject({
        validators,
        pageName: 'Balena',
        lastSuccessAt: at(0),
      });
      expect(await loadRawPayload(store.db, 'balena')).toEqual(rawPayload);

      const failure = (now: string, events: PlannedEvent[], consecutiveFailures: number) => ({
        vendorSlug: 'balena',
        now,
        nextPollAt: at(40),
        leaseOwner: null,
        unreachableReported: true,
        events: routedTo(events, 'ops'),
        outcome: {
          kind: 'failure' as const,
          error: 'HTTP 503\u0000',
          consecutiveFailures,
          reached: true,
        },
      });
      expect(await commitCycle(store.db, failure(at(1), [unreachable], 1))).toHaveLength(1);
      expect(await commitCycle(store.db, failure(at(2), [], 2))).toEqual([]);
      expect(await loadPollState(store.db, 'balena')).toEqual({
        validators,
        pageName: 'Balena',
        nextPollAt: at(40),
        lastPolledAt: at(2),
        lastSuccessAt: at(0),
        lastError: 'HTTP 503',
        consecutiveFailures: 2,
        unreachableReported: true,
        // Its incident stays open while the page cannot be read (fast polling continues).
        hasOpenIncident: true,
        pushReceivedAt: null,
      });
      expect(await countRows(store, 'incidents')).toBe(1);

      const recovered: PlannedEvent = {
        ...unreachable,
        type: 'vendor.recovered',
        changes: {},
        at: at(3),
      };
      const emptyPlan = { components: null, incidents: [], events: [] };
      const events = await commitCycle(store.db, {
        ...success(at(3)),
        events: routedTo([recovered], 'ops'),
        outcome: { kind: 'success', plan: emptyPlan },
      });
      expect(events.map((e) => e.type)).toEqual(['vendor.recovered']);
      expect(await loadRawPayload(store.db, 'balena')).toEqual(rawPayload);
      expect(await loadPollState(store.db, 'balena')).toMatchObject({
        validators,
        lastSuccessAt: at(3),
        lastError: null,
        consecutiveFailures: 0,
        unreachableReported: false,
      });
      expect((await listEvents(store.db, {})).events.map((e) => e.type)).toEqual([
        'vendor.unreachable',
        'vendor.recovered',
      ]);
    });
  });
}
