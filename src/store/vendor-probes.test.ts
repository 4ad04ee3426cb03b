// Vendors' probes in the store on a SQLite file and on PostgreSQL: the config sync writes each
// config vendor's probes (and clears those the file no longer has), the watch list sets a run-time
// vendor's, and the runner's list holds only watched vendors with probes.
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/test-support/databases.js';
import type { ProbeSpec } from '../domain/probe.js';
import {
  getWatchedVendor,
  listProbedVendors,
  listSuspicionsWithoutProbes,
  loadVendorProbes,
  removeVendor,
  syncConfigVendors,
  syncVendors,
  updateVendorSettings,
} from './index.js';
import { openSuspicion } from './probes.js';
import { databaseOpeners } from './test-support/database-openers.js';
import { at, vendor } from './test-support/harness.js';

const openerFor = databaseOpeners('vendor-probes');

function probe(name: string, overrides: Partial<ProbeSpec> = {}): ProbeSpec {
  return {
    name,
    url: `https://api.example.com/${name}`,
    method: 'GET',
    expectStatus: [200, 401],
    bodyIncludes: 'ok <b>',
    intervalSeconds: 30,
    timeoutSeconds: 10,
    ...overrides,
  };
}

describe.each(databaseKinds)('vendor probes in the store on %s', (kind) => {
  const opener = openerFor(kind);

  it('syncs config probes, replaces and clears them with the file', async () => {
    const { store } = await opener.fresh();
    const api = probe('api');
    const head = probe('web', { method: 'HEAD', expectStatus: '2xx', bodyIncludes: null });
    await syncConfigVendors(
      store.db,
      [{ ...vendor('conf'), probes: [api, head], suspectAfter: 3 }, vendor('plain')],

      at(0),
    );
    expect(await listProbedVendors(store.db)).toEqual([
      { slug: 'conf', probes: [api, head], suspectAfter: 3 },
    ]);
    expect(await loadVendorProbes(store.db, 'plain')).toEqual({
      slug: 'plain',
      probes: [],
      suspectAfter: null,
    });
    expect((await getWatchedVendor(store.db, 'conf'))?.probes).toEqual([api, head]);

    // The file changes: the store follows; then the file drops them.
    await syncConfigVendors(
      store.db,
      [{ ...vendor('conf'), probes: [head], suspectAfter: 2 }],

      at(1),
    );
    expect(await listProbedVendors(store.db)).toEqual([
      { slug: 'conf', probes: [head], suspectAfter: 2 },
    ]);
    await syncConfigVendors(store.db, [vendor('conf')], at(2));
    expect(await listProbedVendors(store.db)).toEqual([]);
  });

  it('sets a run-time vendor probes from the watch list; an api sync keeps them', async () => {
    const { store } = await opener.fresh();
    await syncVendors(store.db, [vendor('acme')], 'api', at(0));
    await syncConfigVendors(store.db, [vendor('conf')], at(0));
    const api = probe('api');
    expect(
      await updateVendorSettings(store.db, 'acme', { probes: [api], suspectAfter: 4 }, at(1)),
    ).toBe('changed');
    expect(await updateVendorSettings(store.db, 'conf', { probes: [api] }, at(1))).toBe('config');
    expect(await listProbedVendors(store.db)).toEqual([
      { slug: 'acme', probes: [api], suspectAfter: 4 },
    ]);
    await syncVendors(store.db, [vendor('acme', { name: 'Acme Two' })], 'api', at(2));
    expect(await loadVendorProbes(store.db, 'acme')).toMatchObject({ probes: [api] });

    // Removed (history kept), the vendor leaves the runner's list; its suspicion is an orphan.
    await openSuspicion(
      store.db,
      {
        vendorSlug: 'acme',
        firstSignalAt: at(3),
        suspectedAt: at(4),
        probes: ['api'],
        error: null,
      },
      {
        event: {
          type: 'vendor.suspected',
          vendorSlug: 'acme',
          incidentId: null,
          updateId: null,
          component: null,
          changes: {},
          at: at(4),
        },
        deliveries: [],
      },
    );
    expect(await listSuspicionsWithoutProbes(store.db)).toEqual([]);
    expect(await removeVendor(store.db, 'acme', 'keep')).toBe('changed');
    expect(await listProbedVendors(store.db)).toEqual([]);
    expect(await listSuspicionsWithoutProbes(store.db)).toEqual([
      { vendorSlug: 'acme', firstSignalAt: at(3), suspectedAt: at(4) },
    ]);

    // Clearing the list stores null: no probes at all.
    await syncVendors(store.db, [vendor('beta')], 'api', at(5));
    await updateVendorSettings(store.db, 'beta', { probes: [api] }, at(5));
    await updateVendorSettings(store.db, 'beta', { probes: [] }, at(6));
    const row = await store.db
      .selectFrom('vendors')
      .select('probes')
      .where('slug', '=', 'beta')
      .executeTakeFirstOrThrow();
    expect(row.probes).toBeNull();
  });
});
