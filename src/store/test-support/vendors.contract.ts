// Contract: the vendor list follows the config without losing history, and vendors read back
// with the status and health the API shows.
import { describe, expect, it } from 'vitest';
import type { PlannedEvent } from '../../domain/diff.js';
import { commitCycle } from '../commit-cycle.js';
import { getIncident } from '../incidents.js';
import { loadPollState } from '../poll-state.js';
import { loadPreviousState } from '../previous-state.js';
import { getVendorDetail, listVendorStatuses } from '../vendor-status.js';
import { findVendorName, syncVendors } from '../vendors.js';
import {
  at,
  incident,
  poll,
  snapshot,
  storeOpener,
  update,
  vendor,
  type StoreHarness,
} from './harness.js';

export function registerVendorContract(harness: StoreHarness): void {
  const opener = storeOpener(harness);

  describe('syncVendors', () => {
    it('upserts vendors, disables config vendors dropped from the config, and keeps their history', async () => {
      const { store } = await opener.fresh();
      expect(await syncVendors(store.db, [vendor('a'), vendor('b')], 'config', at(0))).toEqual({
        added: ['a', 'b'],
        disabled: [],
      });
      expect(await syncVendors(store.db, [vendor('api1')], 'api', at(1))).toEqual({
        added: ['api1'],
        disabled: [],
      });
      expect(await loadPollState(store.db, 'api1')).toMatchObject({ nextPollAt: at(1) });
      await poll(store, 'b', snapshot([incident('x')]), at(2));

      const renamed = vendor('a', { name: 'Alpha Inc', intervalSeconds: 30 });
      expect(await syncVendors(store.db, [renamed], 'config', at(3))).toEqual({
        added: [],
        disabled: ['b'],
      });
      expect(
        (await listVendorStatuses(store.db, at(3))).map((v) => [v.slug, v.name, v.intervalSeconds]),
      ).toEqual([
        ['a', 'Alpha Inc', 30],
        ['api1', 'Api1', 60],
      ]);
      // Re-syncing does not move a vendor's schedule; the dropped vendor's history stays readable.
      expect(await loadPollState(store.db, 'a')).toMatchObject({ nextPollAt: at(0) });
      expect(await getIncident(store.db, 'b-x')).not.toBeNull();
      expect(await getVendorDetail(store.db, 'b', at(3))).toMatchObject({ slug: 'b', name: 'B' });
      expect(await findVendorName(store.db, 'b')).toBe('B');
      expect(await findVendorName(store.db, 'nobody')).toBeNull();

      expect(await syncVendors(store.db, [renamed, vendor('b')], 'config', at(4))).toEqual({
        added: [],
        disabled: [],
      });
      expect((await listVendorStatuses(store.db, at(4))).map((v) => v.slug)).toEqual([
        'a',
        'api1',
        'b',
      ]);
    });
  });

  describe('vendor status', () => {
    it('derives status from components and open incidents, and health from poll freshness', async () => {
      const { store } = await opener.fresh();
      await syncVendors(store.db, [vendor('balena'), vendor('quiet')], 'config', at(0));
      const [never] = await listVendorStatuses(store.db, at(0));
      expect(never).toMatchObject({
        slug: 'balena',
        status: 'unknown',
        health: 'failing',
        activeIncidents: 0,
        lastPolledAt: null,
      });

      const components = [
        {
          id: 'api',
          name: 'API',
          group: null,
          status: 'degraded_performance' as const,
          position: 1,
        },
        { id: 'db', name: 'Database', group: 'Core', status: 'operational' as const, position: 0 },
      ];
      const open = incident('open', {
        impact: 'major',
        updates: [update('o1', 'identified', at(0))],
      });
      const closed = incident('closed', {
        impact: 'critical',
        phase: 'resolved',
        resolvedAt: at(0),
      });
      await poll(store, 'balena', snapshot([open, closed], components), at(1));
      await poll(store, 'quiet', snapshot([]), at(1));
      expect(await listVendorStatuses(store.db, at(2))).toEqual([
        {
          slug: 'balena',
          name: 'Balena',
          platform: 'statuspage',
          statusPageUrl: 'https://status.balena.example',
          category: 'other',
          intervalSeconds: 60,
          status: 'partial_outage',
          activeIncidents: 1,
          health: 'ok',
          lastPolledAt: at(1),
          lastSuccessAt: at(1),
          error: null,
          unreached: false,
          firstSuccessAt: at(1),
          failingSince: null,
          consecutiveFailures: 0,
          paused: false,
          followedComponents: null,
          followedStatus: 'partial_outage',
          hasOpenIncident: true,
          pushReceivedAt: null,
          pushPolledAt: null,
        },
        expect.objectContaining({
          slug: 'quiet',
          hasOpenIncident: false,
          status: 'operational',
          activeIncidents: 0,
          health: 'ok',
        }),
      ]);

      const detail = await getVendorDetail(store.db, 'balena', at(2));
      expect(detail?.components.map((c) => [c.id, c.group, c.position])).toEqual([
        ['db', 'Core', 0],
        ['api', null, 1],
      ]);
      expect(detail?.activeIncidents.map((i) => i.id)).toEqual(['balena-open']);
      expect(detail).toMatchObject({ status: 'partial_outage', health: 'ok' });

      const unreachable: PlannedEvent = {
        type: 'vendor.unreachable',
        vendorSlug: 'balena',
        incidentId: null,
        updateId: null,
        component: null,
        changes: {},
        at: at(3),
      };
      await commitCycle(store.db, {
        vendorSlug: 'balena',
        now: at(3),
        nextPollAt: at(4),
        leaseOwner: null,
        unreachableReported: true,
        outcome: { kind: 'failure', error: 'HTTP 503', consecutiveFailures: 1, reached: true },
        events: [{ event: unreachable, deliveries: [] }],
      });
      expect(await getVendorDetail(store.db, 'balena', at(3))).toMatchObject({
        health: 'failing',
        error: 'HTTP 503',
        status: 'partial_outage',
        // The server answered: not a failure the own-network banner counts.
        unreached: false,
      });
      // Three intervals without a success: the last good data is shown as stale.
      expect(await getVendorDetail(store.db, 'balena', at(5))).toMatchObject({ health: 'stale' });
      expect(await getVendorDetail(store.db, 'nobody', at(5))).toBeNull();
    });
  });

  describe('loadPreviousState', () => {
    it('finds every requested incident across IN-list chunks, plus every open one', async () => {
      const { store } = await opener.fresh();
      await syncVendors(store.db, [vendor('big')], 'config', at(0));
      const history = Array.from({ length: 1200 }, (_, i) =>
        incident(`h${i}`, {
          phase: i % 100 === 0 ? 'investigating' : 'resolved',
          resolvedAt: i % 100 === 0 ? null : at(0),
          updates: [
            update(`h${i}-a`, 'investigating', at(-2)),
            update(`h${i}-b`, 'identified', at(-1)),
          ],
        }),
      );
      await poll(store, 'big', snapshot(history), at(0));
      const requested = history.slice(100, 1150).map((i) => i.sourceId);
      const previous = await loadPreviousState(store.db, 'big', [...requested, 'not-stored']);
      const found = new Set(previous?.incidents.map((i) => i.sourceId));
      const openOnes = history.filter((i) => i.resolvedAt === null).map((i) => i.sourceId);
      expect(found).toEqual(new Set([...requested, ...openOnes]));
      expect(
        previous?.incidents.every(
          (i) => i.updates.map((u) => u.id).join() === `${i.sourceId}-a,${i.sourceId}-b`,
        ),
      ).toBe(true);
    });
  });
}
