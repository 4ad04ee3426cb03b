// Contract: the poll path's writes. A plan built by the real diff round-trips through the store,
// the same snapshot twice records nothing, and everything a cycle writes is one transaction.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PlannedEvent } from '../../domain/diff.js';
import type { RouteEvent } from '../../domain/routing.js';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { getIncident, listIncidents, listRevisions } from '../incidents.js';
import { listEvents } from '../events.js';
import { loadPreviousState } from '../previous-state.js';
import {
  addVendors,
  at,
  countRows,
  incident,
  poll,
  snapshot,
  storeOpener,
  update,
  type StoreHarness,
} from './harness.js';
import type { Store } from '../db.js';

const degraded: VendorSnapshot['components'] = [
  { id: 'api', name: 'API', group: null, status: 'degraded_performance', position: 0 },
  { id: 'web', name: 'Dashboard', group: null, status: 'operational', position: 1 },
];

async function rowCounts(store: Store) {
  return {
    incidents: await countRows(store, 'incidents'),
    updates: await countRows(store, 'incident_updates'),
    revisions: await countRows(store, 'revisions'),
    events: await countRows(store, 'events'),
    outbox: await countRows(store, 'outbox'),
  };
}

/** Polling the same snapshot again records no event and writes no history. */
async function expectNothingNew(store: Store, next: VendorSnapshot, now: string): Promise<void> {
  const before = await rowCounts(store);
  expect(await poll(store, 'balena', next, now, () => ['ops'])).toEqual([]);
  expect(await rowCounts(store)).toEqual(before);
}

export function registerCycleContract(harness: StoreHarness): void {
  const opener = storeOpener(harness);

  describe('commitCycle', () => {
    it("stores an incident's regions and follows the vendor's edits of them", async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['balena']);
      const first = incident('r', { regions: ['East US 2'] });
      await poll(store, 'balena', snapshot([first]), at(1));
      expect(await getIncident(store.db, 'balena-r')).toMatchObject({ regions: ['East US 2'] });
      const edited = incident('r', { regions: ['East US 2', 'Central US'] });
      await poll(store, 'balena', snapshot([edited]), at(2));
      expect(await getIncident(store.db, 'balena-r')).toMatchObject({
        regions: ['East US 2', 'Central US'],
      });
    });

    it('round-trips a vendor history built by diffSnapshot: open, update, edit, resolve', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['balena']);
      const old = incident('old1', {
        phase: 'resolved',
        resolvedAt: at(-540),
        updates: [update('o1', 'investigating', at(-600)), update('o2', 'resolved', at(-540))],
      });
      expect(await poll(store, 'balena', snapshot([old]), at(0))).toEqual([]);
      expect(await getIncident(store.db, 'balena-old1')).toMatchObject({
        backfilled: true,
        phase: 'resolved',
        detectedAt: at(0),
        updates: [{ id: 'o1' }, { id: 'o2' }],
      });
      await expectNothingNew(store, snapshot([old]), at(1));

      const b1 = update('b1', 'investigating', at(1));
      let b = incident('b', { impact: 'major', updates: [b1] });
      const opened = await poll(store, 'balena', snapshot([b, old], degraded), at(2));
      expect(opened.map((event) => event.type)).toEqual([
        'component.status_changed',
        'incident.opened',
      ]);
      expect(await getIncident(store.db, 'balena-b')).toEqual({
        id: 'balena-b',
        vendorSlug: 'balena',
        sourceId: 'b',
        title: 'Incident b',
        kind: 'incident',
        impact: 'major',
        phase: 'investigating',
        startedAt: at(1),
        resolvedAt: null,
        detectedAt: at(2),
        backfilled: false,
        sourceUrl: 'https://status.example/incidents/b',
        components: ['API'],
        scheduledFor: null,
        scheduledUntil: null,
        regions: [],
        updates: [
          {
            id: 'b1',
            phase: 'investigating',
            body: b1.body,
            bodyText: b1.bodyText,
            postedAt: at(1),
            detectedAt: at(2),
            components: null,
          },
        ],
      });
      await expectNothingNew(store, snapshot([b, old], degraded), at(3));

      const b2 = update('b2', 'identified', at(3));
      b = { ...b, title: 'API errors', phase: 'identified', updates: [b1, b2] };
      const updated = await poll(store, 'balena', snapshot([b, old], degraded), at(4));
      expect(updated).toHaveLength(1);
      expect(updated[0]).toMatchObject({
        type: 'incident.updated',
        incidentId: 'balena-b',
        updateId: 'b2',
        changes: {
          title: { from: 'Incident b', to: 'API errors' },
          phase: { from: 'investigating', to: 'identified' },
        },
      });
      await expectNothingNew(store, snapshot([b, old], degraded), at(5));

      const editedB1 = {
        ...b1,
        body: 'Investigating (edited)',
        bodyText: 'Investigating (edited)',
      };
      b = { ...b, updates: [editedB1, b2] };
      expect(await poll(store, 'balena', snapshot([b, old], degraded), at(6))).toEqual([]);
      expect(await listRevisions(store.db, 'balena-b')).toEqual([
        {
          incidentId: 'balena-b',
          updateId: null,
          field: 'title',
          from: 'Incident b',
          to: 'API errors',
          seenAt: at(4),
        },
        {
          incidentId: 'balena-b',
          updateId: 'b1',
          field: 'update.body',
          from: b1.body,
          to: editedB1.body,
          seenAt: at(6),
        },
      ]);
      await expectNothingNew(store, snapshot([b, old], degraded), at(7));

      const b3 = update('b3', 'resolved', at(8));
      b = { ...b, phase: 'resolved', resolvedAt: at(8), updates: [editedB1, b2, b3] };
      const resolved = await poll(store, 'balena', snapshot([b, old]), at(9));
      expect(resolved.map((event) => event.type)).toEqual([
        'component.status_changed',
        'incident.resolved',
      ]);
      await expectNothingNew(store, snapshot([b, old]), at(10));

      const final = await getIncident(store.db, 'balena-b');
      expect(final).toMatchObject({ title: 'API errors', phase: 'resolved', resolvedAt: at(8) });
      expect(final?.updates.map((u) => [u.id, u.body, u.detectedAt])).toEqual([
        ['b1', 'Investigating (edited)', at(2)],
        ['b2', b2.body, at(4)],
        ['b3', b3.body, at(9)],
      ]);
      expect((await listIncidents(store.db, { active: true })).incidents).toEqual([]);
      const previous = await loadPreviousState(store.db, 'balena', []);
      expect(previous?.incidents).toEqual([]);
      expect(previous?.components.map((c) => c.status)).toEqual(['operational', 'operational']);
      const logged = await listEvents(store.db, {});
      expect(logged.events).toEqual([...opened, ...updated, ...resolved]);
    });

    it('writes events and one outbox row per (target, event) with a stable delivery key', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['balena']);
      await poll(store, 'balena', snapshot([]), at(0));
      const routed: PlannedEvent[] = [];
      const events = await poll(
        store,
        'balena',
        snapshot([incident('x')], degraded),
        at(1),
        (event) => {
          routed.push(event);
          return ['ops', 'pager', 'ops'];
        },
      );
      expect(events.map((event) => event.type)).toEqual([
        'component.status_changed',
        'incident.opened',
      ]);
      // Routing sees each event before it is recorded, so without the id the store gives it.
      expect(routed).toEqual(events.map(({ id: _id, ...planned }) => planned));
      for (const event of events) expect(event.id).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(new Set(events.map((event) => event.id)).size).toBe(2);

      const rows = await store.db.selectFrom('outbox').selectAll().orderBy('seq').execute();
      expect(rows.map((row) => [row.target, row.event_id])).toEqual([
        ['ops', events[0]!.id],
        ['pager', events[0]!.id],
        ['ops', events[1]!.id],
        ['pager', events[1]!.id],
      ]);
      for (const row of rows) {
        const expected = createHash('sha256')
          .update(`${row.target}\n${row.event_id}`)
          .digest('hex');
        expect(row.delivery_key).toBe(expected.slice(0, 32));
        expect(row).toMatchObject({
          status: 'pending',
          attempts: 0,
          next_attempt_at: at(1),
          created_at: at(1),
        });
      }
      expect(new Set(rows.map((row) => row.delivery_key)).size).toBe(4);
      expect((await listEvents(store.db, {})).events).toEqual(events);
    });

    it.each<[string, RouteEvent, string | RegExp]>([
      [
        'routing throws',
        (event) => {
          if (event.type === 'incident.opened') throw new Error('router exploded');
          return ['ops'];
        },
        'router exploded',
      ],
      [
        'a write fails after the plan and events were written',
        (event) =>
          event.type === 'incident.opened'
            ? [{ target: 'ops', kind: 'reminder', notBefore: 'not an instant' }]
            : ['ops'],
        /not an instant/,
      ],
    ])(
      'writes nothing at all when any part of the cycle fails: %s',
      async (_case, route, error) => {
        const { store } = await opener.fresh();
        await addVendors(store, ['balena']);
        await poll(store, 'balena', snapshot([]), at(0));
        const before = await rowCounts(store);
        const failing = poll(store, 'balena', snapshot([incident('x')], degraded), at(1), route);
        await expect(failing).rejects.toThrow(error);
        expect(await rowCounts(store)).toEqual(before);
        expect(await countRows(store, 'components')).toBe(2);
        const state = await store.db
          .selectFrom('vendor_state')
          .selectAll()
          .executeTakeFirstOrThrow();
        expect(state.last_polled_at).toBe(at(0));
        // The same change is recorded in full by the next good cycle.
        expect(
          await poll(store, 'balena', snapshot([incident('x')], degraded), at(2)),
        ).toHaveLength(2);
      },
    );

    it('refuses a cycle for a vendor the store does not know', async () => {
      const { store } = await opener.fresh();
      await expect(poll(store, 'ghost', snapshot([]), at(0))).rejects.toThrow(/ghost/);
    });
  });
}
