// Contract: outbox rows are claimed under a lease by one dispatcher at a time, and every
// outcome (sent, retry later, failed) is recorded.
import { describe, expect, it } from 'vitest';
import type { VendorEvent } from '../../domain/model.js';
import {
  claimDeliveries,
  countDeliveries,
  markDelivered,
  markDeliveryFailed,
  markDeliveryRetry,
} from '../outbox.js';
import {
  addVendors,
  at,
  incident,
  poll,
  snapshot,
  storeOpener,
  type StoreHarness,
} from './harness.js';

export function registerOutboxContract(harness: StoreHarness): void {
  const opener = storeOpener(harness);

  describe('outbox', () => {
    it('leases due deliveries with their events and records sent, retry and failure', async () => {
      const { url, store } = await opener.fresh();
      await addVendors(store, ['balena']);
      await poll(store, 'balena', snapshot([]), at(0));
      const events: VendorEvent[] = [];
      for (const [i, id] of ['a', 'b', 'c'].entries()) {
        const open = ['a', 'b', 'c'].slice(0, i + 1).map((sourceId) => incident(sourceId));
        events.push(...(await poll(store, 'balena', snapshot(open), at(i + 1), () => ['ops'])));
        expect(events.at(-1)?.incidentId).toBe(`balena-${id}`);
      }

      const other = await opener.openAt(url);
      const [first, second] = await Promise.all([
        claimDeliveries(store.db, { now: at(5), leaseSeconds: 60, limit: 2 }),
        claimDeliveries(other.db, { now: at(5), leaseSeconds: 60, limit: 2 }),
      ]);
      const claimed = [...first, ...second];
      expect(claimed.map((d) => d.event).sort((x, y) => x.at.localeCompare(y.at))).toEqual(events);
      expect(new Set(claimed.map((d) => d.seq)).size).toBe(3);
      expect(
        claimed.every((d) => d.target === 'ops' && d.attempts === 0 && d.deliveryKey.length === 32),
      ).toBe(true);
      expect(await claimDeliveries(store.db, { now: at(5), leaseSeconds: 60, limit: 10 })).toEqual(
        [],
      );

      const [sent, retried, failed] = [...claimed].sort((x, y) => x.seq - y.seq);
      await markDelivered(store.db, sent!.seq, at(6));
      await markDeliveryRetry(store.db, retried!.seq, { error: 'HTTP 500', nextAttemptAt: at(10) });
      await markDeliveryFailed(store.db, failed!.seq, 'HTTP 410');
      expect(await countDeliveries(store.db)).toEqual({
        pending: 1,
        sent: 1,
        failed: 1,
        skipped: 0,
      });

      expect(await claimDeliveries(store.db, { now: at(9), leaseSeconds: 60, limit: 10 })).toEqual(
        [],
      );
      const [again] = await claimDeliveries(store.db, { now: at(10), leaseSeconds: 60, limit: 10 });
      expect(again).toMatchObject({
        seq: retried!.seq,
        attempts: 1,
        deliveryKey: retried!.deliveryKey,
      });
      // A dispatcher that died mid-delivery: its lease runs out and the row is claimable again.
      expect(
        await claimDeliveries(store.db, { now: at(11), leaseSeconds: 60, limit: 10 }),
      ).toHaveLength(1);
      const rows = await store.db.selectFrom('outbox').selectAll().orderBy('seq').execute();
      expect(rows.map((r) => [r.status, r.attempts, r.last_error, r.sent_at])).toEqual([
        ['sent', 1, null, at(6)],
        ['pending', 1, 'HTTP 500', null],
        ['failed', 1, 'HTTP 410', null],
      ]);
    });
  });
}
