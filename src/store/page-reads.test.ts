// The page reads on a SQLite file: what each returns, and that each walks an index (EXPLAIN over
// enough rows, statistics gathered, that SQLite would rather scan if no index fitted).
import { CompiledQuery, type Compilable } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  addVendors,
  at,
  incident,
  poll,
  snapshot,
  update,
  vendor,
} from './test-support/harness.js';
import type { Store } from './db.js';
import {
  componentChangesQuery,
  countActiveIncidents,
  findIncidentStamp,
  findOldestIncidentStart,
  findVendorRecord,
  firstEventSinceQuery,
  listComponentChanges,
  listOpenIncidentTitles,
  listUpdatesFor,
  listVendorWindowIncidents,
  listWatchedComponents,
  oldestIncidentQuery,
  openIncidentTitlesQuery,
  openIncidentsQuery,
  windowIncidentsQuery,
} from './page-reads.js';
import { incidentsSinceQuery, rangeIncidentsQuery } from './range-reads.js';
import { syncVendors } from './vendors.js';
import { databaseKinds } from '../../test/test-support/databases.js';
import { databaseOpeners } from './test-support/database-openers.js';

const openerFor = databaseOpeners('page-reads');

const degradedApi = [
  { id: 'api', name: 'API', group: 'Core', status: 'degraded_performance' as const, position: 0 },
  { id: 'web', name: 'Dashboard', group: null, status: 'operational' as const, position: 1 },
];

describe.each(databaseKinds)('page reads on %s', (kind) => {
  const opener = openerFor(kind);

  it('reads the window: incidents started since, plus older ones still open, newest first', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme', 'other']);
    const old = update('old-u1', 'investigating', at(-10_000));
    const oldResolved = update('gone-u1', 'resolved', at(-9_000));
    await poll(
      store,
      'acme',
      snapshot([
        incident('old', { updates: [old] }),
        incident('gone', { updates: [oldResolved], resolvedAt: at(-9_000) }),
        incident('new', { updates: [update('new-u1', 'investigating', at(-10))] }),
        incident('newer', {
          updates: [update('newer-u1', 'resolved', at(-5))],
          resolvedAt: at(-1),
        }),
      ]),
      at(0),
    );
    await poll(
      store,
      'other',
      snapshot([incident('x', { updates: [update('x1', 'investigating', at(-3))] })]),
      at(0),
    );
    const window = await listVendorWindowIncidents(store.db, 'acme', at(-100));
    expect(window.map((item) => item.sourceId)).toEqual(['newer', 'new', 'old']);
    // The dashboard rows: each vendor's open incidents, newest first; the history's reach.
    const open = await listOpenIncidentTitles(store.db);
    expect([...open.keys()].sort()).toEqual(['acme', 'other']);
    expect(open.get('acme')!.map((item) => item.id)).toEqual(['acme-new', 'acme-old']);
    expect(open.get('other')![0]).toMatchObject({ id: 'other-x', kind: 'incident' });
    expect(await findOldestIncidentStart(store.db, 'acme')).toBe(at(-10_000));
    expect(await findOldestIncidentStart(store.db, 'nobody')).toBeNull();
  });

  it('lists component status changes of one vendor since an instant, oldest first', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme', 'other']);
    await poll(store, 'acme', snapshot([]), at(0));
    await poll(store, 'acme', snapshot([], degradedApi), at(10));
    await poll(store, 'other', snapshot([], degradedApi), at(11));
    await poll(store, 'acme', snapshot([]), at(20));
    const changes = await listComponentChanges(store.db, 'acme', at(5));
    expect(changes).toEqual([
      { id: 'api', name: 'API', from: 'operational', to: 'degraded_performance', at: at(10) },
      { id: 'api', name: 'API', from: 'degraded_performance', to: 'operational', at: at(20) },
    ]);
    expect(await listComponentChanges(store.db, 'acme', at(15))).toHaveLength(1);
    expect(await listComponentChanges(store.db, 'acme', at(30))).toEqual([]);
  });

  it('groups the updates of many incidents, oldest first, and an empty list for none', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme']);
    const updates = [update('a2', 'monitoring', at(5)), update('a1', 'investigating', at(1))];
    await poll(store, 'acme', snapshot([incident('a', { updates }), incident('b')]), at(10));
    const byIncident = await listUpdatesFor(store.db, ['acme-a', 'acme-b', 'acme-none']);
    expect(byIncident.get('acme-a')!.map((item) => item.id)).toEqual(['a1', 'a2']);
    expect(byIncident.get('acme-b')).toHaveLength(1);
    expect(byIncident.get('acme-none')).toEqual([]);
    expect((await listUpdatesFor(store.db, [])).size).toBe(0);
  });

  it('finds a vendor name, page and first-watched time, and null for an unknown one', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme'], at(-60));
    expect(await findVendorRecord(store.db, 'acme')).toEqual({
      slug: 'acme',
      name: 'Acme',
      statusPageUrl: 'https://status.acme.example',
      watchedSince: at(-60),
    });
    expect(await findVendorRecord(store.db, 'nobody')).toBeNull();
  });

  it('gives the metrics their components (watched vendors only) and open incidents by impact', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme', 'gone']);
    await poll(
      store,
      'acme',
      snapshot([incident('a'), incident('b', { impact: 'major' })], degradedApi),
      at(0),
    );
    await poll(store, 'gone', snapshot([incident('c')]), at(0));
    await syncVendors(store.db, [vendor('acme')], 'config', at(1));
    expect(await listWatchedComponents(store.db)).toEqual([
      { vendorSlug: 'acme', name: 'API', group: 'Core', status: 'degraded_performance' },
      { vendorSlug: 'acme', name: 'Dashboard', group: null, status: 'operational' },
    ]);
    const counts = await countActiveIncidents(store.db);
    expect(
      counts.sort(
        (a, b) => a.vendorSlug.localeCompare(b.vendorSlug) || a.impact.localeCompare(b.impact),
      ),
    ).toEqual([
      { vendorSlug: 'acme', impact: 'major', count: 1 },
      { vendorSlug: 'acme', impact: 'minor', count: 1 },
      { vendorSlug: 'gone', impact: 'minor', count: 1 },
    ]);
  });

  it('stamps an incident with what its page depends on, moving with every write to it', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme']);
    await poll(store, 'acme', snapshot([incident('a')]), at(0));
    const first = await findIncidentStamp(store.db, 'acme-a');
    expect(first).toEqual({
      vendorSlug: 'acme',
      updatedAt: at(0),
      resolvedAt: null,
      vendorName: 'Acme',
      vendorStatusPageUrl: 'https://status.acme.example',
    });
    const edited = update('a-u1', 'investigating', at(0), 'edited text');
    await poll(store, 'acme', snapshot([incident('a', { updates: [edited] })]), at(5));
    expect((await findIncidentStamp(store.db, 'acme-a'))?.updatedAt).toBe(at(5));
    expect(await findIncidentStamp(store.db, 'acme-none')).toBeNull();
  });
});

describe('page read plans on SQLite', () => {
  const opener = openerFor('sqlite');

  it('walks an index for every window query, never scanning or sorting history', async () => {
    const { store } = await opener.fresh();
    await seedMany(store);
    const queries: Array<[string, Compilable]> = [
      ['window', windowIncidentsQuery(store.db, 'vendor3', at(-5000))],
      ['open', openIncidentsQuery(store.db, 'vendor3')],
      ['first event', firstEventSinceQuery(store.db, at(4000))],
      ['changes', componentChangesQuery(store.db, 'vendor3', 4000)],
      ['oldest', oldestIncidentQuery(store.db, 'vendor3')],
      ['open titles', openIncidentTitlesQuery(store.db)],
      ['uptime range', rangeIncidentsQuery(store.db, 'vendor3', at(-5000), at(-100))],
      ['report window', incidentsSinceQuery(store.db, at(4000))],
    ];
    for (const [name, query] of queries) {
      const plan = await explainPlan(store, query);
      const text = `${name}:\n  ${plan.join('\n  ')}`;
      expect(
        plan.some((line) => line.includes('TEMP B-TREE')),
        text,
      ).toBe(false);
      expect(
        plan.every((line) => !/^SCAN \w+$/.test(line.trim())),
        text,
      ).toBe(true);
      expect(
        plan.some((line) => /USING (COVERING )?INDEX|PRIMARY KEY/.test(line)),
        text,
      ).toBe(true);
    }
  });
});

const vendorCount = 20;

async function seedMany(store: Store): Promise<void> {
  await addVendors(
    store,
    Array.from({ length: vendorCount }, (_, i) => `vendor${i}`),
  );
  const incidents = Array.from({ length: 10_000 }, (_, i) => ({
    id: `vendor${i % vendorCount}-inc${i}`,
    vendor_slug: `vendor${i % vendorCount}`,
    source_id: `inc${i}`,
    title: `Incident ${i}`,
    kind: 'incident',
    impact: 'minor',
    phase: i % 50 === 0 ? 'investigating' : 'resolved',
    started_at: at(-i * 7),
    resolved_at: i % 50 === 0 ? null : at(-i * 7 + 30),
    detected_at: at(-i * 7),
    backfilled: 0,
    source_url: null,
    components: '["API"]',
    scheduled_for: null,
    scheduled_until: null,
    active: i % 50 === 0 ? 1 : 0,
    updated_at: at(0),
  }));
  const events = Array.from({ length: 5000 }, (_, i) => ({
    id: `evt_${String(i).padStart(26, '0')}`,
    type: i % 3 === 0 ? 'component.status_changed' : 'incident.updated',
    vendor_slug: `vendor${i % vendorCount}`,
    incident_id: null,
    update_id: null,
    component:
      i % 3 === 0 ? '{"id":"api","name":"API","from":"operational","to":"major_outage"}' : null,
    changes: '{}',
    at: at(i),
  }));
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < incidents.length; i += 500) {
      await trx
        .insertInto('incidents')
        .values(incidents.slice(i, i + 500))
        .execute();
    }
    for (let i = 0; i < events.length; i += 1000) {
      await trx
        .insertInto('events')
        .values(events.slice(i, i + 1000))
        .execute();
    }
  });
  await store.db.executeQuery(CompiledQuery.raw('analyze'));
}

async function explainPlan(store: Store, query: Compilable): Promise<string[]> {
  const { sql, parameters } = query.compile();
  const result = await store.db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
  );
  return result.rows.map((row) => row.detail);
}
