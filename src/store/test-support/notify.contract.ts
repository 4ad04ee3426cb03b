// Contract: what notifications need from the store. Routing sees the incident as recorded and who
// was told about it; targets are leased to one dispatcher at a time and keep their state; the
// outbox answers noise-control questions and lists deliveries newest first.
import { describe, expect, it } from 'vitest';
import type { PlannedEvent } from '../../domain/diff.js';
import type { RoutingContext } from '../../domain/routing.js';
import {
  claimDeliveries,
  claimNotifyTargets,
  deferDelivery,
  deleteApiTarget,
  failOrphanedDeliveries,
  insertApiTarget,
  listApiTargets,
  listNotifyTargets,
  failPendingDeliveries,
  getNotifyTarget,
  hasLaterMessage,
  InvalidQueryError,
  lastSentInGroup,
  listDeliveries,
  markDelivered,
  markDeliverySkipped,
  releaseNotifyTarget,
  syncNotifyTargets,
} from '../index.js';
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

export function registerNotifyContract(harness: StoreHarness): void {
  const opener = storeOpener(harness);

  describe('notifications', () => {
    it('routes with the incident as recorded, its update components and who was told', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['balena']);
      await poll(store, 'balena', snapshot([]), at(0));
      const seen: Array<[string, RoutingContext]> = [];
      const route = (event: PlannedEvent, context: RoutingContext) => {
        seen.push([event.type, context]);
        return event.type === 'incident.opened' ? ['ops'] : ['ops', 'audit'];
      };
      const first = update('u1', 'investigating', at(1));
      await poll(
        store,
        'balena',
        snapshot([incident('a', { updates: [first], impact: 'major' })]),
        at(1),
        route,
      );
      const touched = { ...update('u2', 'resolved', at(2)), components: ['Dashboard'] };
      await poll(
        store,
        'balena',
        snapshot([
          incident('a', { updates: [first, touched], impact: 'major', resolvedAt: at(2) }),
        ]),
        at(2),
        route,
      );
      expect(
        seen.map(([type, context]) => [
          type,
          context.incident?.impact,
          context.incident?.phase,
          context.updateComponents,
          context.notifiedTargets,
        ]),
      ).toEqual([
        ['incident.opened', 'major', 'investigating', null, []],
        ['incident.resolved', 'major', 'resolved', ['Dashboard'], ['ops']],
      ]);
      const rows = await store.db
        .selectFrom('outbox')
        .select(['target', 'group_key', 'kind'])
        .orderBy('seq')
        .execute();
      expect(rows).toEqual([
        { target: 'ops', group_key: 'balena-a', kind: 'event' },
        { target: 'ops', group_key: 'balena-a', kind: 'event' },
        { target: 'audit', group_key: 'balena-a', kind: 'event' },
      ]);
    });

    it('leases a target with due work to one dispatcher at a time and keeps its state', async () => {
      const { url, store } = await opener.fresh();
      const other = await opener.openAt(url);
      await addVendors(store, ['balena']);
      await poll(store, 'balena', snapshot([]), at(0));
      await poll(store, 'balena', snapshot([incident('a')]), at(1), () => ['t1', 't2', 'off']);
      const configured = ['t1', 't2', 'idle', 'off'].map((name) => ({
        name,
        type: 'webhook',
        fingerprint: 'f1',
      }));
      await syncNotifyTargets(store.db, configured, at(1));
      const disabled = {
        state: 'disabled' as const,
        reason: 'disabled: HTTP 410',
        failures: 0,
        failingSince: null,
        lastError: null,
        lastSuccessAt: null,
        nextAttemptAt: at(1),
      };
      await claimNotifyTargets(store.db, {
        names: ['off'],
        owner: 'x',
        now: at(1),
        leaseSeconds: 60,
        limit: 1,
      });
      await releaseNotifyTarget(store.db, 'off', 'x', disabled, at(1));

      const names = configured.map((target) => target.name);
      const [a, b] = await Promise.all([
        claimNotifyTargets(store.db, { names, owner: 'a', now: at(2), leaseSeconds: 60, limit: 1 }),
        claimNotifyTargets(other.db, { names, owner: 'b', now: at(2), leaseSeconds: 60, limit: 1 }),
      ]);
      expect([...a, ...b].sort()).toEqual(['t1', 't2']);
      expect(
        await claimNotifyTargets(store.db, {
          names,
          owner: 'c',
          now: at(2),
          leaseSeconds: 60,
          limit: 9,
        }),
      ).toEqual([]);
      // A dead holder's lease runs out.
      expect(
        (
          await claimNotifyTargets(store.db, {
            names,
            owner: 'c',
            now: at(4),
            leaseSeconds: 60,
            limit: 9,
          })
        ).sort(),
      ).toEqual(['t1', 't2']);
      // Only the holder writes the outcome; a backing-off target is not claimed (t2 is: its
      // holder died).
      const backoff = {
        ...disabled,
        state: 'active' as const,
        reason: null,
        failures: 1,
        lastError: 'HTTP 500',
        nextAttemptAt: at(10),
      };
      await releaseNotifyTarget(store.db, 't1', 'a', backoff, at(4));
      expect((await getNotifyTarget(store.db, 't1'))?.failures).toBe(0);
      await releaseNotifyTarget(store.db, 't1', 'c', backoff, at(4));
      expect(await getNotifyTarget(store.db, 't1')).toMatchObject({
        failures: 1,
        lastError: 'HTTP 500',
        nextAttemptAt: at(10),
      });
      expect(
        await claimNotifyTargets(store.db, {
          names,
          owner: 'd',
          now: at(6),
          leaseSeconds: 60,
          limit: 9,
        }),
      ).toEqual(['t2']);

      // A changed destination starts afresh.
      await syncNotifyTargets(
        store.db,
        [{ name: 'off', type: 'webhook', fingerprint: 'f2' }],
        at(7),
      );
      expect(await getNotifyTarget(store.db, 'off')).toMatchObject({
        state: 'active',
        reason: null,
      });
    });

    it('keeps API targets beside config ones: one owner per name, removal fails what waits', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['balena']);
      await poll(store, 'balena', snapshot([]), at(0));
      await syncNotifyTargets(
        store.db,
        [{ name: 'from-config', type: 'slack', fingerprint: 'c1' }],
        at(0),
      );
      const added = {
        name: 'from-api',
        type: 'webhook',
        fingerprint: 'a1',
        definition: '{"name":"from-api","type":"webhook","url":"https://hooks.example/x"}',
      };
      const configured = new Set(['from-config']);
      expect(await insertApiTarget(store.db, added, at(1), configured)).toBe('created');
      expect(await insertApiTarget(store.db, added, at(1), configured)).toBe('exists');
      expect(
        await insertApiTarget(store.db, { ...added, name: 'from-config' }, at(1), configured),
      ).toBe('configured');
      expect(await listApiTargets(store.db)).toEqual([
        { name: 'from-api', definition: added.definition },
      ]);
      expect(
        (await listNotifyTargets(store.db)).map(({ name, origin, state }) => ({
          name,
          origin,
          state,
        })),
      ).toEqual([
        { name: 'from-api', origin: 'api', state: 'active' },
        { name: 'from-config', origin: 'config', state: 'active' },
      ]);

      // Two deliveries wait for the API target, one was sent already.
      await poll(store, 'balena', snapshot([incident('a')]), at(2), () => ['from-api']);
      await poll(store, 'balena', snapshot([incident('a', { resolvedAt: at(3) })]), at(3), () => [
        'from-api',
      ]);
      const [first] = await claimDeliveries(store.db, {
        target: 'from-api',
        now: at(3),
        leaseSeconds: 60,
        limit: 1,
      });
      await markDelivered(store.db, first!.seq, at(3));

      expect(await deleteApiTarget(store.db, 'from-config', configured)).toEqual({
        removed: false,
        reason: 'configured',
      });
      expect(await deleteApiTarget(store.db, 'nobody')).toEqual({
        removed: false,
        reason: 'missing',
      });
      // A commit that read the target list before the removal routes one more delivery to it.
      expect(await deleteApiTarget(store.db, 'from-api', configured)).toEqual({
        removed: true,
        failedDeliveries: 1,
      });
      await poll(
        store,
        'balena',
        snapshot([incident('a', { resolvedAt: at(3) }), incident('b')]),
        at(4),
        () => ['from-api'],
      );
      expect(await failOrphanedDeliveries(store.db, 'target removed')).toBe(1);
      expect(await failOrphanedDeliveries(store.db, 'target removed')).toBe(0);
      expect(await getNotifyTarget(store.db, 'from-api')).toBeNull();
      const { deliveries } = await listDeliveries(store.db, { target: 'from-api', limit: 10 });
      expect(deliveries.map((d) => [d.status, d.lastError])).toEqual([
        ['failed', 'target removed'],
        ['failed', 'target removed'],
        ['sent', null],
      ]);

      // Re-adding the name never inherits what was routed to the removed target.
      expect(await insertApiTarget(store.db, added, at(5), configured)).toBe('created');
      expect(
        await claimDeliveries(store.db, {
          target: 'from-api',
          now: at(5),
          leaseSeconds: 60,
          limit: 10,
        }),
      ).toEqual([]);
      await deleteApiTarget(store.db, 'from-api', configured);

      // The config file can take a name over from the API.
      await insertApiTarget(store.db, { ...added, name: 'shared' }, at(4));
      await syncNotifyTargets(
        store.db,
        [{ name: 'shared', type: 'slack', fingerprint: 's' }],
        at(5),
      );
      expect(await getNotifyTarget(store.db, 'shared')).toMatchObject({
        origin: 'config',
        type: 'slack',
      });
      // A name the config file no longer uses can be removed, or taken over, through the API.
      expect(await insertApiTarget(store.db, { ...added, name: 'shared' }, at(6))).toBe('created');
      expect(await getNotifyTarget(store.db, 'shared')).toMatchObject({ origin: 'api' });
      expect(await deleteApiTarget(store.db, 'shared')).toMatchObject({ removed: true });
      expect(await listApiTargets(store.db)).toEqual([]);
    });

    it('answers noise-control questions and hands a target its rows in order', async () => {
      const { store } = await opener.fresh();
      await addVendors(store, ['balena']);
      await poll(store, 'balena', snapshot([]), at(0));
      const updates = [update('u1', 'investigating', at(1))];
      await poll(
        store,
        'balena',
        snapshot([incident('a', { updates: [...updates] })]),
        at(1),
        () => ['ops'],
      );
      for (const minute of [2, 3]) {
        updates.push(update(`u${minute}`, 'monitoring', at(minute)));
        await poll(
          store,
          'balena',
          snapshot([incident('a', { updates: [...updates] })]),
          at(minute),
          () => ['ops'],
        );
      }
      const claimed = await claimDeliveries(store.db, {
        target: 'ops',
        now: at(3),
        leaseSeconds: 60,
        limit: 10,
      });
      expect(claimed.map((d) => d.event.updateId)).toEqual(['u1', 'u2', 'u3']);
      // The target's lease is what counts: a new holder gets rows a dead one had claimed.
      expect(
        await claimDeliveries(store.db, { target: 'ops', now: at(3), leaseSeconds: 60, limit: 10 }),
      ).toHaveLength(3);
      const [first, second, third] = claimed;
      await markDelivered(store.db, first!.seq, at(3));
      const position = { target: 'ops', groupKey: 'balena-a' };
      expect(await lastSentInGroup(store.db, position)).toBe(at(3));
      expect(await hasLaterMessage(store.db, { ...position, seq: second!.seq })).toBe(true);
      expect(await hasLaterMessage(store.db, { ...position, seq: third!.seq })).toBe(false);
      await markDeliverySkipped(store.db, second!.seq, 'folded');
      await deferDelivery(store.db, third!.seq, at(9));
      expect(
        await claimDeliveries(store.db, { target: 'ops', now: at(8), leaseSeconds: 60, limit: 10 }),
      ).toEqual([]);
      expect(await failPendingDeliveries(store.db, 'ops', 'disabled: HTTP 410')).toBe(1);

      const page = await listDeliveries(store.db, { limit: 2 });
      expect(page.deliveries.map((d) => [d.status, d.lastError])).toEqual([
        ['failed', 'disabled: HTTP 410'],
        ['skipped', 'folded'],
      ]);
      const rest = await listDeliveries(store.db, { limit: 2, cursor: page.nextCursor });
      expect(rest).toMatchObject({
        // Each delivery names its incident and vendor as the pages show them.
        deliveries: [
          {
            status: 'sent',
            event: {
              type: 'incident.opened',
              incidentId: 'balena-a',
              incidentTitle: 'Incident a',
              vendorSlug: 'balena',
              vendorName: 'Balena',
            },
          },
        ],
        nextCursor: null,
      });
      expect(
        (await listDeliveries(store.db, { status: 'sent', target: 'ops' })).deliveries,
      ).toHaveLength(1);
      await expect(listDeliveries(store.db, { status: 'nope' })).rejects.toThrow(InvalidQueryError);
    });
  });
}
