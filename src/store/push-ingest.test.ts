// Push ingestion in the store, on a SQLite file and on PostgreSQL: a push moves the vendor's next
// poll up (never later, never within 2 s of its last poll's start), a push during a poll in
// flight is not lost when that poll is recorded, and the claim tells the poller whether the
// vendor has an open incident (fast polling) and when it was last pushed.
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/test-support/databases.js';
import { addSeconds } from '../domain/time.js';
import { commitCycle } from './commit-cycle.js';
import { loadPollState } from './poll-state.js';
import { issueIngestToken, loadPushTarget, recordPush } from './push-ingest.js';
import { databaseOpeners } from './test-support/database-openers.js';
import { addVendors, at, incident, poll, snapshot, update } from './test-support/harness.js';
import { claimDuePolls } from './vendors.js';
import type { Store } from './db.js';

const openerFor = databaseOpeners('push-ingest');

async function nextPollAt(store: Store, slug: string): Promise<string> {
  return (await loadPollState(store.db, slug))!.nextPollAt;
}

describe.each(databaseKinds)('push ingestion in the store (%s)', (kind) => {
  const opener = openerFor(kind);

  it('makes one token per vendor and keeps it; none for an unknown vendor', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['a', 'b']);
    const first = await issueIngestToken(store.db, 'a');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await issueIngestToken(store.db, 'a')).toBe(first);
    expect(await issueIngestToken(store.db, 'b')).not.toBe(first);
    expect(await issueIngestToken(store.db, 'nope')).toBeNull();
    expect(await loadPushTarget(store.db, 'a')).toEqual({ token: first });
    expect(await loadPushTarget(store.db, 'nope')).toBeNull();
  });

  it('moves the next poll up to now, or to 2 s after the last poll started, never later', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['a']);
    await poll(store, 'a', snapshot([]), at(1));
    expect(await nextPollAt(store, 'a')).toBe(addSeconds(at(1), 60));

    // 1 s after the poll: due at the end of the 2 s window, not at once.
    const due = await recordPush(store.db, 'a', addSeconds(at(1), 1), 2);
    expect(due).toBe(addSeconds(at(1), 2));
    expect(await nextPollAt(store, 'a')).toBe(addSeconds(at(1), 2));
    // A later push does not push the due time back.
    await recordPush(store.db, 'a', addSeconds(at(1), 1.5), 2);
    expect(await nextPollAt(store, 'a')).toBe(addSeconds(at(1), 2));
    // Long after the last poll: due now, but a vendor due sooner keeps its time.
    const later = addSeconds(at(1), 30);
    expect(await recordPush(store.db, 'a', later, 2)).toBe(later);
    const state = await loadPollState(store.db, 'a');
    expect(state).toMatchObject({ nextPollAt: addSeconds(at(1), 2), pushReceivedAt: later });
  });

  it('keeps an earlier due time', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['a']);
    // Never polled: due at t0 already.
    await recordPush(store.db, 'a', at(5), 2);
    expect(await nextPollAt(store, 'a')).toBe(at(0));
  });

  it('polls again 2 s after a poll that a push arrived during, and records which poll answered a push', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['a', 'b']);
    const claimed = await claimDuePolls(store.db, {
      owner: 'w1',
      now: at(1),
      leaseSeconds: 30,
      limit: 10,
    });
    expect(claimed.map((c) => c.vendor.slug)).toEqual(['a', 'b']);
    // A push for a arrives while its poll (started at(1)) is in flight; none for b.
    await recordPush(store.db, 'a', addSeconds(at(1), 0.5), 2);
    for (const slug of ['a', 'b']) {
      await commitCycle(store.db, {
        vendorSlug: slug,
        now: at(1),
        nextPollAt: addSeconds(at(1), 3600),
        nextPollAtAfterPush: addSeconds(at(1), 2),
        leaseOwner: 'w1',
        outcome: { kind: 'success', plan: { components: null, incidents: [] } },
        unreachableReported: false,
        events: [],
      });
    }
    expect(await nextPollAt(store, 'a')).toBe(addSeconds(at(1), 2));
    expect(await nextPollAt(store, 'b')).toBe(addSeconds(at(1), 3600));

    // The next poll of a answers the push: its start is kept as push_polled_at.
    const [next] = await claimDuePolls(store.db, {
      owner: 'w1',
      now: addSeconds(at(1), 2),
      leaseSeconds: 30,
      limit: 10,
    });
    expect(next!.state.pushReceivedAt).toBe(addSeconds(at(1), 0.5));
    await commitCycle(store.db, {
      vendorSlug: 'a',
      now: addSeconds(at(1), 2),
      nextPollAt: addSeconds(at(1), 3600),
      nextPollAtAfterPush: addSeconds(at(1), 4),
      answersPush: true,
      leaseOwner: 'w1',
      outcome: { kind: 'success', plan: { components: null, incidents: [] } },
      unreachableReported: false,
      events: [],
    });
    const row = await store.db
      .selectFrom('vendor_state')
      .select(['push_polled_at', 'next_poll_at'])
      .where('slug', '=', 'a')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      push_polled_at: addSeconds(at(1), 2),
      next_poll_at: addSeconds(at(1), 3600),
    });
  });

  it('tells the claim whether the vendor has an open incident; maintenance does not count', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['calm', 'down', 'works']);
    await poll(store, 'calm', snapshot([]), at(1));
    await poll(store, 'down', snapshot([incident('x')]), at(1));
    await poll(
      store,
      'works',
      snapshot([
        incident('m', {
          kind: 'maintenance',
          phase: 'in_progress',
          updates: [update('m-u1', 'in_progress', at(0))],
        }),
      ]),
      at(1),
    );
    await store.db
      .updateTable('vendor_state')
      .set({ next_poll_at: at(1) })
      .execute();
    const claimed = await claimDuePolls(store.db, {
      owner: 'w1',
      now: at(2),
      leaseSeconds: 30,
      limit: 10,
    });
    const open = Object.fromEntries(claimed.map((c) => [c.vendor.slug, c.state.hasOpenIncident]));
    expect(open).toEqual({ calm: false, down: true, works: false });
    expect((await loadPollState(store.db, 'down'))!.hasOpenIncident).toBe(true);

    // Resolved: no longer open.
    await poll(
      store,
      'down',
      snapshot([
        incident('x', {
          updates: [update('x-u1', 'investigating', at(0)), update('x-u2', 'resolved', at(2))],
        }),
      ]),
      at(3),
    );
    expect((await loadPollState(store.db, 'down'))!.hasOpenIncident).toBe(false);
  });
});
