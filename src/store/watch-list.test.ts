// The watch list's store on a SQLite file and on PostgreSQL: pause keeps a vendor from being
// claimed and resume makes it due at once; followed components are stored and change what the
// dashboard counts; removal keeps or deletes the history; config vendors are refused.
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/test-support/databases.js';
import {
  claimDuePolls,
  findVendorName,
  findWatchConflict,
  getWatchedVendor,
  listWatchedVendors,
  loadFollowedComponents,
  removeVendor,
  syncVendors,
  updateVendorSettings,
} from './index.js';
import { getIncident } from './incidents.js';
import { loadPollState } from './poll-state.js';
import { databaseOpeners } from './test-support/database-openers.js';
import { at, countRows, incident, poll, snapshot, vendor } from './test-support/harness.js';
import { getVendorDetail, listVendorStatuses } from './vendor-status.js';

const openerFor = databaseOpeners('watch-list');

const claim = (db: Parameters<typeof claimDuePolls>[0], now: string) =>
  claimDuePolls(db, { owner: 'w1', now, leaseSeconds: 30, limit: 10 });

describe.each(databaseKinds)('watch list store on %s', (kind) => {
  const opener = openerFor(kind);

  it('pauses a vendor out of the claims and resumes it due at once; config vendors are refused', async () => {
    const { store } = await opener.fresh();
    await syncVendors(store.db, [vendor('acme'), vendor('beta')], 'api', at(0));
    await syncVendors(store.db, [vendor('conf')], 'config', at(0));

    expect(await updateVendorSettings(store.db, 'acme', { paused: true }, at(1))).toBe('changed');
    expect((await claim(store.db, at(2))).map((claimed) => claimed.vendor.slug)).toEqual([
      'beta',
      'conf',
    ]);
    // Even due (a poll in flight recorded a due time), a paused vendor is not claimed.
    await store.db
      .updateTable('vendor_state')
      .set({ next_poll_at: at(0) })
      .where('slug', '=', 'acme')
      .execute();
    expect((await claim(store.db, at(3))).map((claimed) => claimed.vendor.slug)).not.toContain(
      'acme',
    );
    expect(
      (await listVendorStatuses(store.db, at(3))).find((v) => v.slug === 'acme'),
    ).toMatchObject({
      paused: true,
    });

    expect(await updateVendorSettings(store.db, 'acme', { paused: false }, at(4))).toBe('changed');
    expect(await loadPollState(store.db, 'acme')).toMatchObject({ nextPollAt: at(4) });
    expect((await claim(store.db, at(4))).map((claimed) => claimed.vendor.slug)).toContain('acme');

    expect(await updateVendorSettings(store.db, 'conf', { paused: true }, at(5))).toBe('config');
    expect(await removeVendor(store.db, 'conf', 'delete')).toBe('config');
    expect(await updateVendorSettings(store.db, 'nobody', { paused: true }, at(5))).toBe('missing');
    expect(await getWatchedVendor(store.db, 'conf')).toMatchObject({
      source: 'config',
      paused: false,
    });
  });

  it('stores followed components and interval; the claim and the dashboard status use them', async () => {
    const { store } = await opener.fresh();
    await syncVendors(store.db, [vendor('acme')], 'api', at(0));
    // An open incident on Dashboard only, with Dashboard down.
    await poll(
      store,
      'acme',
      snapshot(
        [incident('x', { components: ['Dashboard'], impact: 'major' })],
        [
          { id: 'api', name: 'API', group: null, status: 'operational', position: 0 },
          { id: 'web', name: 'Dashboard', group: null, status: 'major_outage', position: 1 },
        ],
      ),
      at(1),
    );
    const before = (await listVendorStatuses(store.db, at(2)))[0]!;
    expect([before.status, before.followedStatus, before.followedComponents]).toEqual([
      'major_outage',
      'major_outage',
      null,
    ]);

    expect(
      await updateVendorSettings(
        store.db,
        'acme',
        { followedComponents: ['API'], intervalSeconds: 300 },
        at(2),
      ),
    ).toBe('changed');
    const after = (await listVendorStatuses(store.db, at(2)))[0]!;
    expect([after.status, after.followedStatus, after.followedComponents]).toEqual([
      'major_outage',
      'operational',
      ['API'],
    ]);
    expect(await getVendorDetail(store.db, 'acme', at(2))).toMatchObject({
      status: 'major_outage',
      followedStatus: 'operational',
      intervalSeconds: 300,
    });
    expect(await getWatchedVendor(store.db, 'acme')).toMatchObject({
      followedComponents: ['API'],
      knownComponents: ['API', 'Dashboard'],
      intervalSeconds: 300,
    });
    await store.db
      .updateTable('vendor_state')
      .set({ next_poll_at: at(0) })
      .where('slug', '=', 'acme')
      .execute();
    expect((await claim(store.db, at(3)))[0]!.vendor).toMatchObject({
      slug: 'acme',
      followedComponents: ['API'],
      intervalSeconds: 300,
    });

    // What the hygiene flag sweep reads for the vendors of its events.
    expect(await loadFollowedComponents(store.db, ['acme', 'acme', 'nobody'])).toEqual(
      new Map([['acme', ['API']]]),
    );

    // Back to all: stored as null, and the vendor reads as one that follows everything.
    await updateVendorSettings(store.db, 'acme', { followedComponents: null }, at(4));
    expect((await listWatchedVendors(store.db))[0]!.followedComponents).toBeNull();
  });

  it('removes a vendor keeping its history, and adding it again resumes that history', async () => {
    const { store } = await opener.fresh();
    await syncVendors(store.db, [vendor('acme')], 'api', at(0));
    await poll(store, 'acme', snapshot([incident('x')]), at(1));
    await updateVendorSettings(store.db, 'acme', { paused: true }, at(2));

    expect(await removeVendor(store.db, 'acme', 'keep')).toBe('changed');
    expect(await listWatchedVendors(store.db)).toEqual([]);
    expect(await claim(store.db, at(3))).toEqual([]);
    expect(await getIncident(store.db, 'acme-x')).not.toBeNull();
    expect(await findVendorName(store.db, 'acme')).toBe('Acme');
    expect(await removeVendor(store.db, 'acme', 'keep')).toBe('missing');
    // The slug is free again; added back, it is polled at once and its history is there.
    expect(await findWatchConflict(store.db, { slug: 'acme' })).toBeNull();
    await syncVendors(store.db, [vendor('acme')], 'api', at(4));
    expect(await getWatchedVendor(store.db, 'acme')).toMatchObject({ paused: false });
    expect((await claim(store.db, at(4))).map((claimed) => claimed.vendor.slug)).toEqual(['acme']);
    expect(await getIncident(store.db, 'acme-x')).not.toBeNull();
  });

  it('removes a vendor deleting its history, its deliveries included, and leaves others alone', async () => {
    const { store } = await opener.fresh();
    await syncVendors(store.db, [vendor('acme'), vendor('beta')], 'api', at(0));
    const route = () => ['ops'];
    // The first poll is the baseline (no events); the incident is news on the second.
    for (const slug of ['acme', 'beta']) {
      await poll(store, slug, snapshot([]), at(1), route);
      await poll(store, slug, snapshot([incident(slug === 'acme' ? 'x' : 'y')]), at(2), route);
    }
    const counts = async () =>
      Promise.all(
        (['incidents', 'incident_updates', 'events', 'outbox', 'components'] as const).map(
          (table) => countRows(store, table),
        ),
      );
    const both = await counts();
    expect(both.every((count) => count > 0)).toBe(true);

    expect(await removeVendor(store.db, 'acme', 'delete')).toBe('changed');
    expect(await counts()).toEqual(both.map((count) => count / 2));
    expect(await getIncident(store.db, 'acme-x')).toBeNull();
    expect(await findVendorName(store.db, 'acme')).toBeNull();
    expect(await getIncident(store.db, 'beta-y')).not.toBeNull();
    expect((await listWatchedVendors(store.db)).map((v) => v.slug)).toEqual(['beta']);
    // The slug can be used again from scratch.
    await syncVendors(store.db, [vendor('acme')], 'api', at(3));
    expect(await getWatchedVendor(store.db, 'acme')).toMatchObject({ knownComponents: [] });
  });
});
