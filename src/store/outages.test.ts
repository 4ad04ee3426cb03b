// Correlated outages through the real commit path on a SQLite file and PostgreSQL: grouping at
// commit, one routed outage.correlated event, later members, idempotence, the reads, and two
// workers committing at once.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/test-support/databases.js';
import { parseDependency, type Dependency } from '../domain/correlation.js';
import type { ObservedIncident } from '../domain/snapshot.js';
import { eventLogLockKey } from './commit-cycle.js';
import type { Store } from './db.js';
import type { CorrelationSettings } from './outage-correlation.js';
import { getOutage, listOutages } from './outages.js';
import { databaseOpeners } from './test-support/database-openers.js';
import { addVendors, at, incident, poll, snapshot, update } from './test-support/harness.js';

const openerFor = databaseOpeners('outages');

const declared: Record<string, string[]> = {
  acme: ['aws:us-east-1'],
  gamma: ['aws'],
  delta: ['cloudflare'],
  kilo: ['cloudflare'],
  lima: ['cloudflare'],
};

const settings: CorrelationSettings = {
  windowSeconds: 15 * 60,
  dependsOn: (slug): Dependency[] =>
    (declared[slug] ?? []).map((value) => parseDependency(value, 'config')!),
  route: () => [{ target: 'hook', kind: 'event' }],
};

function opened(
  sourceId: string,
  minute: number,
  text: string,
  extra: Partial<ObservedIncident> = {},
) {
  return incident(sourceId, {
    title: text,
    updates: [update(`${sourceId}-u1`, 'investigating', at(minute), text)],
    ...extra,
  });
}

async function pollWith(store: Store, slug: string, incidents: ObservedIncident[], minute: number) {
  return poll(store, slug, snapshot(incidents), at(minute), () => ['hook'], settings);
}

async function outageEvents(store: Store) {
  return store.db
    .selectFrom('events')
    .selectAll()
    .where('type', '=', 'outage.correlated')
    .execute();
}

describe.each(databaseKinds)('correlated outages on %s', (kind) => {
  const opener = openerFor(kind);

  async function baseline(store: Store, slugs: string[]) {
    await addVendors(store, slugs);
    for (const slug of slugs) await pollWith(store, slug, [], -60);
  }

  it('groups the upstream and three dependents, leaves the unrelated one out, announces once', async () => {
    const { store } = await opener.fresh();
    await baseline(store, ['aws', 'acme', 'beta', 'gamma', 'delta']);
    const upstream = opened('e1', 0, 'Increased API error rates in US-EAST-1');
    await pollWith(store, 'aws', [upstream], 1);
    const acme = opened('a1', 3, 'Elevated errors');
    await pollWith(store, 'acme', [acme], 4);
    const delta = opened('d1', 4, 'Database replication lag');
    await pollWith(store, 'delta', [delta], 5);
    const beta = opened('b1', 9, 'Our hosting provider AWS has an outage in us-east-1');
    await pollWith(store, 'beta', [beta], 10);
    const gamma = opened('g1', 18, 'Login failures');
    await pollWith(store, 'gamma', [gamma], 19);

    const { outages } = await listOutages(store.db, {});
    expect(outages).toHaveLength(1);
    const [outage] = outages;
    expect(outage).toMatchObject({
      id: 'o-aws-e1',
      upstream: 'aws',
      upstreamName: 'Aws',
      region: 'us-east-1',
      startedAt: at(0),
      resolvedAt: null,
      title: 'Aws us-east-1: outage across 4 vendors',
    });
    expect(
      outage!.members.map((m) => [m.incident.id, m.role, m.evidence.map((e) => e.kind)]),
    ).toEqual([
      ['aws-e1', 'upstream', ['upstream-incident']],
      ['acme-a1', 'dependent', ['depends-on']],
      ['beta-b1', 'dependent', ['names-upstream']],
      ['gamma-g1', 'dependent', ['depends-on']],
    ]);
    expect(outage!.members[3]).toMatchObject({ nearIncidentId: 'beta-b1', gapSeconds: 540 });

    const events = await outageEvents(store);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ vendor_slug: 'aws', incident_id: null });
    expect(JSON.parse(events[0]!.changes)).toMatchObject({
      outage: {
        to: {
          id: 'o-aws-e1',
          vendors: [{ slug: 'aws' }, { slug: 'acme' }],
          incidents: ['aws-e1', 'acme-a1'],
        },
      },
    });
    const outbox = await store.db
      .selectFrom('outbox')
      .selectAll()
      .where('event_id', '=', events[0]!.id)
      .execute();
    expect(outbox.map((row) => row.target)).toEqual(['hook']);

    // The same pages again decide nothing: no new member, no second event.
    await pollWith(store, 'aws', [upstream], 20);
    await pollWith(store, 'beta', [beta], 20);
    expect((await getOutage(store.db, 'o-aws-e1'))!.members).toHaveLength(4);
    expect(await outageEvents(store)).toHaveLength(1);
  });

  it('is open while any member is, then resolved at the last resolution', async () => {
    const { store } = await opener.fresh();
    await baseline(store, ['kilo', 'lima']);
    await pollWith(store, 'kilo', [opened('k1', 0, 'Errors')], 1);
    await pollWith(store, 'lima', [opened('l1', 2, 'Errors')], 3);
    expect((await listOutages(store.db, { active: true })).outages.map((o) => o.id)).toEqual([
      'o-kilo-k1',
    ]);
    const resolvedAt = (minute: number, sourceId: string) =>
      opened(sourceId, minute - 30, 'Errors', {
        updates: [
          update(`${sourceId}-u1`, 'investigating', at(minute - 30), 'Errors'),
          update(`${sourceId}-u2`, 'resolved', at(minute), 'Fixed'),
        ],
        phase: 'resolved',
        resolvedAt: at(minute),
        startedAt: at(sourceId === 'k1' ? 0 : 2),
      });
    await pollWith(store, 'kilo', [resolvedAt(40, 'k1')], 40);
    const stillOpen = await listOutages(store.db, { active: true });
    expect(stillOpen.outages.map((o) => [o.id, o.resolvedAt])).toEqual([['o-kilo-k1', null]]);
    await pollWith(store, 'lima', [resolvedAt(45, 'l1')], 45);
    expect((await listOutages(store.db, { active: true })).outages).toEqual([]);
    const { outages } = await listOutages(store.db, { active: false });
    expect(outages.map((o) => [o.id, o.resolvedAt])).toEqual([['o-kilo-k1', at(45)]]);
  });

  it('two vendors in the same minute with no shared evidence make no outage', async () => {
    const { store } = await opener.fresh();
    await baseline(store, ['acme', 'beta']);
    await pollWith(store, 'acme', [opened('a1', 0, 'Elevated API errors')], 1);
    await pollWith(store, 'beta', [opened('b1', 0, 'Email delivery delayed')], 1);
    expect((await listOutages(store.db, {})).outages).toEqual([]);
    expect(await outageEvents(store)).toEqual([]);
  });

  it.runIf(kind === 'postgres')(
    'two workers whose commits overlap still group their incidents, once',
    async () => {
      const { store, url } = await opener.fresh();
      await baseline(store, ['kilo', 'lima']);
      // Another session holds the lock both commits take after writing their incidents, so
      // both are in flight at once, each with its incident written and not yet committed.
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      try {
        await holder.query('select pg_advisory_lock($1)', [eventLogLockKey]);
        const commits = Promise.all([
          pollWith(store, 'kilo', [opened('k1', 0, 'Errors')], 1),
          pollWith(store, 'lima', [opened('l1', 1, 'Errors')], 1),
        ]);
        for (let waiting = 0; waiting < 2;) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          const { rows } = await holder.query<{ n: string }>(
            "select count(*) as n from pg_locks where locktype = 'advisory' and not granted",
          );
          waiting = Number(rows[0]!.n);
        }
        await holder.query('select pg_advisory_unlock($1)', [eventLogLockKey]);
        await commits;
      } finally {
        await holder.end();
      }
      const { outages } = await listOutages(store.db, {});
      expect(outages.map((o) => o.members.map((m) => m.incident.id).sort())).toEqual([
        ['kilo-k1', 'lima-l1'],
      ]);
      expect(await outageEvents(store)).toHaveLength(1);
    },
  );

  it('pages the list newest first with a cursor; an unknown id is null', async () => {
    const { store } = await opener.fresh();
    await baseline(store, ['kilo', 'lima']);
    await pollWith(store, 'kilo', [opened('k1', 0, 'Errors')], 1);
    await pollWith(store, 'lima', [opened('l1', 2, 'Errors')], 3);
    await pollWith(store, 'kilo', [opened('k2', 100, 'Errors')], 101);
    await pollWith(store, 'lima', [opened('l2', 101, 'Errors')], 102);
    const first = await listOutages(store.db, { limit: 1 });
    expect(first.outages.map((o) => o.id)).toEqual(['o-kilo-k2']);
    const second = await listOutages(store.db, { limit: 1, cursor: first.nextCursor! });
    expect(second.outages.map((o) => o.id)).toEqual(['o-kilo-k1']);
    expect(second.nextCursor).toBeNull();
    expect(await getOutage(store.db, 'o-nope')).toBeNull();
  });
});
