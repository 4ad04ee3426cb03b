// Contract: the API's reads. Filters select the right rows; keyset pages cover every row exactly
// once in (started_at desc, id desc) order, even where many incidents share a start time.
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../domain/model.js';
import type { Impact } from '../../domain/vocabulary.js';
import type { Store } from '../db.js';
import { InvalidQueryError } from '../cursor.js';
import { findEventSeq, listEvents } from '../events.js';
import { getIncident, listIncidents, type IncidentQuery } from '../incidents.js';
import {
  addVendors,
  at,
  incident,
  poll,
  snapshot,
  storeOpener,
  update,
  type StoreHarness,
} from './harness.js';

const impacts: Impact[] = ['notice', 'minor', 'major', 'critical'];
const titles = [
  'Database latency',
  'API errors',
  '100% packet loss',
  'api_gateway down',
  'apixgateway down',
  '1000 requests failed',
  'État du réseau dégradé',
];

/** Three vendors, 75 incidents, start times repeating so pages split ties. */
async function seedHistory(store: Store): Promise<void> {
  await addVendors(store, ['alpha', 'beta', 'gamma']);
  for (const [v, slug] of ['alpha', 'beta', 'gamma'].entries()) {
    const incidents = Array.from({ length: 25 }, (_, i) => {
      const startedAt = at(-(i % 6) * 60);
      const open = i % 5 === 0;
      return incident(`${slug}${String(i).padStart(2, '0')}`, {
        title: titles[(i + v) % titles.length]!,
        impact: impacts[i % impacts.length]!,
        startedAt,
        phase: open ? 'investigating' : 'resolved',
        resolvedAt: open ? null : at(0),
        updates: [update(`u${i}`, open ? 'investigating' : 'resolved', startedAt)],
      });
    });
    await poll(store, slug, snapshot(incidents), at(1));
  }
}

function newestFirst(a: Incident, b: Incident): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

async function allPages(store: Store, query: IncidentQuery, limit: number): Promise<Incident[]> {
  const seen: Incident[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 200; page++) {
    const result = await listIncidents(store.db, { ...query, limit, cursor });
    expect(result.incidents.length).toBeLessThanOrEqual(limit);
    seen.push(...result.incidents);
    cursor = result.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('paging did not end');
}

export function registerQueryContract(harness: StoreHarness): void {
  const opener = storeOpener(harness);

  describe('listIncidents', () => {
    it('pages through every incident exactly once, newest first, across equal start times', async () => {
      const { store } = await opener.fresh();
      await seedHistory(store);
      const all = (await listIncidents(store.db, { limit: 1000 })).incidents;
      expect(all).toHaveLength(75);
      expect(all).toEqual([...all].sort(newestFirst));
      for (const limit of [1, 7, 25, 74]) {
        expect((await allPages(store, {}, limit)).map((i) => i.id)).toEqual(all.map((i) => i.id));
      }
      expect((await listIncidents(store.db, { limit: 75 })).nextCursor).toBeNull();
    });

    it('filters by vendor, active, impact, time window and words, also while paging', async () => {
      const { store } = await opener.fresh();
      await seedHistory(store);
      const all = (await listIncidents(store.db, { limit: 1000 })).incidents;
      const cases: Array<[IncidentQuery, (i: Incident) => boolean]> = [
        [{ vendor: 'beta' }, (i) => i.vendorSlug === 'beta'],
        [{ active: true }, (i) => i.resolvedAt === null],
        [{ active: false }, (i) => i.resolvedAt !== null],
        [{ impact: 'major' }, (i) => i.impact === 'major'],
        [{ since: at(-120) }, (i) => i.startedAt >= at(-120)],
        [{ until: at(-120) }, (i) => i.startedAt < at(-120)],
        [
          { since: at(-240), until: '2025-09-10T10:00:00+02:00' },
          (i) => i.startedAt >= at(-240) && i.startedAt < at(-120),
        ],
        [{ q: 'DATABASE' }, (i) => i.title === 'Database latency'],
        [{ q: '100%' }, (i) => i.title.startsWith('100')],
        [{ q: 'gateway' }, (i) => i.title === 'api_gateway down'],
        [{ q: 'ÉTAT DU' }, (i) => i.title === 'État du réseau dégradé'],
        [{ q: 'reseau degrade' }, (i) => i.title === 'État du réseau dégradé'],
        [{ q: 'u3' }, (i) => i.sourceId.endsWith('03')],
        [{ q: 'Gamma' }, (i) => i.vendorSlug === 'gamma'],
        [
          { vendor: 'alpha', active: false, impact: 'minor', q: 'down' },
          (i) =>
            i.vendorSlug === 'alpha' &&
            i.resolvedAt !== null &&
            i.impact === 'minor' &&
            i.title.endsWith(' down'),
        ],
      ];
      for (const [query, predicate] of cases) {
        const expected = all.filter(predicate).map((i) => i.id);
        expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
        expect(expected.length, JSON.stringify(query)).toBeLessThan(75);
        expect(
          (await allPages(store, query, 4)).map((i) => i.id),
          JSON.stringify(query),
        ).toEqual(expected);
      }
      expect((await listIncidents(store.db, { vendor: 'nobody' })).incidents).toEqual([]);
    });

    it('clamps limits and rejects forged cursors and bad instants', async () => {
      const { store } = await opener.fresh();
      await seedHistory(store);
      expect((await listIncidents(store.db, { limit: 0 })).incidents).toHaveLength(1);
      expect((await listIncidents(store.db, { limit: -5 })).incidents).toHaveLength(1);
      expect((await listIncidents(store.db, { limit: Number.NaN })).incidents).toHaveLength(50);
      expect((await listIncidents(store.db, {})).incidents).toHaveLength(50);
      for (const cursor of [
        'not-base64!',
        Buffer.from('[1,2]').toString('base64url'),
        Buffer.from('{"a":1}').toString('base64url'),
      ]) {
        await expect(listIncidents(store.db, { cursor })).rejects.toBeInstanceOf(InvalidQueryError);
      }
      await expect(listIncidents(store.db, { since: 'last tuesday' })).rejects.toMatchObject({
        param: 'since',
      });
    });
  });

  describe('getIncident', () => {
    it('returns updates oldest first by posted time, then id, whatever order they arrived in', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['balena']);
      const updates = [
        update('c', 'resolved', at(30)),
        update('b', 'identified', at(10)),
        update('a', 'identified', at(10)),
        update('z', 'investigating', at(0)),
      ];
      await poll(
        store,
        'balena',
        snapshot([incident('x', { updates, phase: 'resolved', startedAt: at(0) })]),
        at(31),
      );
      const stored = await getIncident(store.db, 'balena-x');
      expect(stored?.updates.map((u) => u.id)).toEqual(['z', 'a', 'b', 'c']);
      expect(await getIncident(store.db, 'balena-nope')).toBeNull();
    });
  });

  describe('listEvents', () => {
    it('pages oldest first by recording order and filters by vendor and time', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['alpha', 'beta']);
      for (const slug of ['alpha', 'beta']) await poll(store, slug, snapshot([]), at(0));
      const recorded = [];
      const open = [];
      for (let i = 1; i <= 6; i++) {
        open.push(incident(`i${i}`, { startedAt: at(i) }));
        for (const slug of ['alpha', 'beta']) {
          recorded.push(...(await poll(store, slug, snapshot(open), at(i))));
        }
      }
      expect(recorded).toHaveLength(12);
      const paged = [];
      let cursor: string | null = null;
      do {
        const page = await listEvents(store.db, { limit: 5, cursor });
        paged.push(...page.events);
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(recorded);
      const seqs = await Promise.all(recorded.map((event) => findEventSeq(store.db, event.id)));
      expect(seqs).toEqual([...seqs].sort((x, y) => x! - y!));
      expect(new Set(seqs).size).toBe(12);
      expect(await findEventSeq(store.db, 'evt_unknown')).toBeNull();
      expect((await listEvents(store.db, { vendor: 'beta', limit: 100 })).events).toEqual(
        recorded.filter((e) => e.vendorSlug === 'beta'),
      );
      expect((await listEvents(store.db, { since: at(5) })).events).toEqual(
        recorded.filter((e) => e.at >= at(5)),
      );
      await expect(
        listEvents(store.db, { cursor: Buffer.from('["x"]').toString('base64url') }),
      ).rejects.toBeInstanceOf(InvalidQueryError);
    });
  });
}
