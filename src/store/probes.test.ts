// Probes and suspicions in the store, on a SQLite file and on PostgreSQL: results and each
// probe's latest state, hourly roll-ups, retention, and the suspicion's episode (opened once with
// its event, cleared once, or linked to the incident the vendor posts by the poll's commit).
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { PlannedEvent } from '../domain/diff.js';
import { databaseKinds } from '../../test/test-support/databases.js';
import type { Store } from './db.js';
import { getIncident } from './incidents.js';
import { migrateToLatest } from './migrations/index.js';
import {
  clearSuspicion,
  findOpenSuspicion,
  isVendorSuspected,
  listPostingLags,
  listProbeHours,
  listProbeResults,
  listProbeStates,
  openSuspicion,
  pruneProbeData,
  recordProbeResult,
  rollUpProbeHours,
  type ProbeResultRow,
} from './probes.js';
import { databaseOpeners } from './test-support/database-openers.js';
import { addVendors, at, incident, poll, snapshot, update } from './test-support/harness.js';

const openerFor = databaseOpeners('probes');

function result(minutes: number, ok: boolean, durationMs: number, probe = 'api'): ProbeResultRow {
  return {
    vendorSlug: 'acme',
    probe,
    url: 'https://api.acme.example/health',
    at: at(minutes),
    ok,
    status: ok ? 200 : 503,
    durationMs,
    error: ok ? null : 'HTTP 503, expected 2xx',
  };
}

function suspicionEvent(
  type: 'vendor.suspected' | 'vendor.suspicion_cleared',
  minutes: number,
): { event: PlannedEvent; deliveries: Array<{ target: string; kind: 'event' }> } {
  return {
    event: {
      type,
      vendorSlug: 'acme',
      incidentId: null,
      updateId: null,
      component: null,
      changes: { firstSignalAt: { from: null, to: at(0) } },
      at: at(minutes),
    },
    deliveries: [{ target: 'hook', kind: 'event' }],
  };
}

function suspect(store: Store, minutes: number) {
  return openSuspicion(
    store.db,
    {
      vendorSlug: 'acme',
      firstSignalAt: at(0),
      suspectedAt: at(minutes),
      probes: ['api'],
      error: 'HTTP 503, expected 2xx',
    },
    suspicionEvent('vendor.suspected', minutes),
  );
}

async function eventTypes(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('events').select('type').orderBy('seq').execute();
  return rows.map((row) => row.type);
}

describe.each(databaseKinds)('probes in the store on %s', (kind) => {
  const opener = openerFor(kind);

  it('upgrades a store that ran every other migration: the probes migration alone runs', async () => {
    const { store } = await opener.fresh();
    for (const table of ['probe_state', 'probe_results', 'probe_hourly', 'vendor_suspicions']) {
      await sql`drop table ${sql.table(table)}`.execute(store.db);
    }
    await sql`alter table incidents drop column suspicion_id`.execute(store.db);
    await sql`alter table incidents drop column first_signal_at`.execute(store.db);
    await sql`delete from kysely_migration where name = '2026_12_05_0018_probes'`.execute(store.db);
    const results = await migrateToLatest(store);
    expect(results.map((r) => [r.migrationName, r.status])).toEqual([
      ['2026_12_05_0018_probes', 'Success'],
    ]);
    expect(await listProbeStates(store.db)).toEqual([]);
  });

  it('keeps each result and the probe latest state, dating a failing streak from its start', async () => {
    const { store } = await opener.fresh();
    await recordProbeResult(store.db, result(0, true, 120));
    await recordProbeResult(store.db, result(1, false, 80));
    await recordProbeResult(store.db, result(2, false, 90));
    const [state] = await listProbeStates(store.db, 'acme');
    expect(state).toMatchObject({
      probe: 'api',
      ok: false,
      status: 503,
      durationMs: 90,
      lastAt: at(2),
      failingSince: at(1),
      error: 'HTTP 503, expected 2xx',
    });
    await recordProbeResult(store.db, result(3, true, 100));
    expect((await listProbeStates(store.db))[0]).toMatchObject({ ok: true, failingSince: null });
    const points = await listProbeResults(store.db, 'acme', at(1));
    expect(points.map((p) => [p.at, p.ok, p.durationMs])).toEqual([
      [at(1), false, 80],
      [at(2), false, 90],
      [at(3), true, 100],
    ]);
  });

  it('rolls hours up (count, failures, p50, max), the same figures on a second run', async () => {
    const { store } = await opener.fresh();
    // at(0) is 10:00; 10:00–11:00 gets four results, 11:00–12:00 one.
    for (const [minutes, ok, ms] of [
      [0, true, 100],
      [15, false, 400],
      [30, true, 200],
      [45, true, 300],
      [70, true, 50],
    ] as const) {
      await recordProbeResult(store.db, result(minutes, ok, ms));
    }
    expect(await rollUpProbeHours(store.db, at(0), at(120))).toBe(2);
    expect(await rollUpProbeHours(store.db, at(0), at(120))).toBe(2);
    const hours = await listProbeHours(store.db, 'acme', at(-60));
    expect(hours).toEqual([
      { probe: 'api', hour: at(0), count: 4, failures: 1, p50Ms: 200, maxMs: 400 },
      { probe: 'api', hour: at(60), count: 1, failures: 0, p50Ms: 50, maxMs: 50 },
    ]);
  });

  it('prunes raw results after 7 days and roll-ups after a year', async () => {
    const { store } = await opener.fresh();
    const day = 24 * 60;
    await recordProbeResult(store.db, result(0, true, 100));
    await recordProbeResult(store.db, result(6 * day, true, 100));
    await rollUpProbeHours(store.db, at(0), at(7 * day));
    const now = new Date(Date.parse(at(7 * day + 60))).toISOString();
    expect(await pruneProbeData(store.db, now)).toEqual({ results: 1, hours: 0 });
    expect((await listProbeResults(store.db, 'acme', at(-1))).map((p) => p.at)).toEqual([
      at(6 * day),
    ]);
    const yearLater = new Date(Date.parse(at(366 * day))).toISOString();
    // A year after the first hour: its roll-up goes, the later one stays.
    expect(await pruneProbeData(store.db, yearLater)).toEqual({ results: 1, hours: 1 });
    expect((await listProbeHours(store.db, 'acme', at(0))).map((h) => h.hour)).toEqual([
      at(6 * day),
    ]);
    // The probe's state goes with its last raw result (a probe no longer configured).
    expect(await listProbeStates(store.db)).toEqual([]);
  });

  it('opens a suspicion once with its event, and clears it once', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme']);
    expect(await isVendorSuspected(store.db, 'acme')).toBe(false);
    const opened = await suspect(store, 2);
    expect(opened.map((event) => event.type)).toEqual(['vendor.suspected']);
    expect(await suspect(store, 3)).toEqual([]);
    expect(await isVendorSuspected(store.db, 'acme')).toBe(true);
    expect(await findOpenSuspicion(store.db, 'acme')).toMatchObject({
      firstSignalAt: at(0),
      suspectedAt: at(2),
    });
    const outbox = await store.db.selectFrom('outbox').select(['target', 'event_id']).execute();
    expect(outbox).toEqual([{ target: 'hook', event_id: opened[0]!.id }]);
    const cleared = await clearSuspicion(
      store.db,
      'acme',
      at(5),
      suspicionEvent('vendor.suspicion_cleared', 5),
    );
    expect(cleared.map((event) => event.type)).toEqual(['vendor.suspicion_cleared']);
    expect(
      await clearSuspicion(store.db, 'acme', at(6), suspicionEvent('vendor.suspicion_cleared', 6)),
    ).toEqual([]);
    expect(await isVendorSuspected(store.db, 'acme')).toBe(false);
    expect(await eventTypes(store)).toEqual(['vendor.suspected', 'vendor.suspicion_cleared']);
  });

  it('suspects nothing while the vendor shows an open incident', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme']);
    await poll(store, 'acme', snapshot([]), at(-10));
    await poll(store, 'acme', snapshot([incident('i1')]), at(-5));
    expect(await suspect(store, 2)).toEqual([]);
    expect(await isVendorSuspected(store.db, 'acme')).toBe(false);
  });

  it('does not link an incident already on the page at the first poll (backfilled)', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme']);
    await suspect(store, 2);
    await poll(store, 'acme', snapshot([incident('old')]), at(3));
    expect(await isVendorSuspected(store.db, 'acme')).toBe(true);
    expect((await getIncident(store.db, 'acme-old'))?.firstSignalAt ?? null).toBeNull();
  });

  it('links the incident the vendor posts while suspected, with the probes first failure', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme']);
    await poll(store, 'acme', snapshot([]), at(-10));
    await suspect(store, 2);
    // The vendor posts 11 minutes after the probes began failing (its own time for the post).
    const posted = incident('i1', { updates: [update('i1-u1', 'investigating', at(11))] });
    await poll(store, 'acme', snapshot([posted]), at(12));
    expect(await isVendorSuspected(store.db, 'acme')).toBe(false);
    const linked = await getIncident(store.db, 'acme-i1');
    expect(linked?.firstSignalAt).toBe(at(0));
    const suspicion = await store.db.selectFrom('vendor_suspicions').selectAll().executeTakeFirst();
    expect(suspicion).toMatchObject({
      outcome: 'linked',
      incident_id: 'acme-i1',
      ended_at: at(12),
    });
    expect(await listPostingLags(store.db, 'acme')).toEqual([
      { incidentId: 'acme-i1', firstSignalAt: at(0), firstPostAt: at(11) },
    ]);
    // Probes passing later clear nothing: the suspicion ended linked.
    expect(
      await clearSuspicion(
        store.db,
        'acme',
        at(20),
        suspicionEvent('vendor.suspicion_cleared', 20),
      ),
    ).toEqual([]);
    // An incident posted with no suspicion open records none.
    await poll(store, 'acme', snapshot([posted, incident('i2')]), at(30));
    expect((await getIncident(store.db, 'acme-i2'))?.firstSignalAt ?? null).toBeNull();
  });
});
