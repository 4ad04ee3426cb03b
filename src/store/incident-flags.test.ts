// Hygiene flags through the real path on a SQLite file and on PostgreSQL: a poll's commit stores
// what it shows (downgrade, rewrite, backdated update, silent resolution, no components), the
// sweep raises stuck once per episode with its routed event, and the list filters by flag.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { defaultFlagSettings } from '../domain/hygiene-flags.js';
import { sweepFlags } from '../poll/flag-sweep.js';
import { databaseKinds } from '../../test/test-support/databases.js';
import type { Store } from './db.js';
import { listIncidentFlags } from './incident-flags.js';
import { listIncidents } from './incidents.js';
import { migrateToLatest } from './migrations/index.js';
import { databaseOpeners } from './test-support/database-openers.js';
import { addVendors, at, incident, poll, snapshot, update } from './test-support/harness.js';

const openerFor = databaseOpeners('incident-flags');

function sweep(store: Store, minutes: number, stuckAfterSeconds = 3600) {
  return sweepFlags({
    db: store.db,
    now: () => new Date(at(minutes)),
    routeEvent: () => ['hook'],
    flagSettingsFor: () => ({ ...defaultFlagSettings, stuckAfterSeconds }),
    postmortemAfterSeconds: defaultFlagSettings.postmortemAfterSeconds,
  });
}

async function outboxFor(store: Store, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return store.db
    .selectFrom('outbox')
    .select(['target', 'event_id'])
    .where('event_id', 'in', eventIds)
    .execute();
}

describe.each(databaseKinds)('hygiene flags on %s', (kind) => {
  const opener = openerFor(kind);

  it('upgrades a store that ran later-numbered migrations first: the flags migration alone runs', async () => {
    const { store } = await opener.fresh();
    await sql`drop table incident_flags`.execute(store.db);
    await sql`delete from kysely_migration where name = '2026_12_04_0012_incident_flags'`.execute(
      store.db,
    );
    const results = await migrateToLatest(store);
    expect(results.map((result) => [result.migrationName, result.status])).toEqual([
      ['2026_12_04_0012_incident_flags', 'Success'],
    ]);
    expect(await listIncidentFlags(store.db, ['none'])).toEqual(new Map());
  });

  it('a commit stores what the poll showed, with the evidence', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme']);
    const first = update('a-u1', 'investigating', at(0), 'Data was lost for some users.');
    await poll(
      store,
      'acme',
      snapshot([incident('a', { impact: 'critical', title: 'Data loss', updates: [first] })]),
      at(0),
    );
    await poll(
      store,
      'acme',
      snapshot([incident('a', { impact: 'critical', title: 'Data loss', updates: [first] })]),
      at(1),
    );
    // Two minutes later: impact lowered, title and update text rewritten, and an update that
    // claims to be ten minutes old although our read a minute ago did not have it.
    await poll(
      store,
      'acme',
      snapshot([
        incident('a', {
          impact: 'minor',
          title: 'Delays',
          startedAt: at(0),
          updates: [
            {
              ...first,
              body: 'Some requests were delayed.',
              bodyText: 'Some requests were delayed.',
            },
            update('a-u2', 'identified', at(-8), 'Cause found.'),
          ],
        }),
      ]),
      at(3),
    );
    const flags = (await listIncidentFlags(store.db, ['acme-a'])).get('acme-a') ?? [];
    expect(flags.map((flag) => flag.kind).sort()).toEqual(['backdated', 'downgraded', 'rewritten']);
    const byKind = new Map(flags.map((flag) => [flag.kind, flag]));
    expect(byKind.get('downgraded')).toMatchObject({
      firstDetectedAt: at(3),
      clearedAt: null,
      evidence: {
        kind: 'downgraded',
        changes: [{ from: 'critical', to: 'minor', fromSeenAt: at(0), toSeenAt: at(3) }],
      },
    });
    expect(byKind.get('rewritten')?.evidence).toMatchObject({
      kind: 'rewritten',
      changes: [
        { field: 'title', from: 'Data loss', to: 'Delays', fromSeenAt: at(0), toSeenAt: at(3) },
        {
          field: 'update',
          updateId: 'a-u1',
          from: 'Data was lost for some users.',
          to: 'Some requests were delayed.',
        },
      ],
    });
    expect(byKind.get('backdated')?.evidence).toEqual({
      kind: 'backdated',
      items: [
        {
          what: 'update',
          updateId: 'a-u2',
          claimedAt: at(-8),
          seenAt: at(3),
          previousReadAt: at(1),
        },
      ],
    });
  });

  it('nothing is backdated on the first read, and a healthy incident has no flag', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme']);
    await poll(
      store,
      'acme',
      snapshot([incident('old', { updates: [update('o1', 'investigating', at(-600))] })]),
      at(0),
    );
    await poll(
      store,
      'acme',
      snapshot([
        incident('old', { updates: [update('o1', 'investigating', at(-600))] }),
        incident('new', { updates: [update('n1', 'investigating', at(1))] }),
      ]),
      at(2),
    );
    const flags = await listIncidentFlags(store.db, ['acme-old', 'acme-new']);
    expect(flags.size).toBe(0);
  });

  it('silent resolution and no components are raised, and cleared when the vendor fixes them', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme']);
    const opened = update('s-u1', 'investigating', at(0));
    await poll(
      store,
      'acme',
      snapshot([incident('s', { components: [], updates: [opened] })]),
      at(0),
    );
    expect(
      [...((await listIncidentFlags(store.db, ['acme-s'])).get('acme-s') ?? [])].map((f) => f.kind),
    ).toEqual(['no_components']);
    const silent = update('s-u2', 'resolved', at(5), '');
    await poll(
      store,
      'acme',
      snapshot([
        incident('s', {
          components: [],
          phase: 'resolved',
          resolvedAt: at(5),
          updates: [opened, silent],
        }),
      ]),
      at(6),
    );
    const page = await listIncidents(store.db, { flag: 'silent_resolution' });
    expect(page.incidents.map((i) => i.id)).toEqual(['acme-s']);
    await poll(
      store,
      'acme',
      snapshot([
        incident('s', {
          components: ['API'],
          phase: 'resolved',
          resolvedAt: at(5),
          updates: [opened, { ...silent, body: 'Fixed.', bodyText: 'Fixed.' }],
        }),
      ]),
      at(7),
    );
    const flags = (await listIncidentFlags(store.db, ['acme-s'])).get('acme-s') ?? [];
    expect(flags.map((f) => [f.kind, f.clearedAt])).toEqual([
      ['no_components', at(7)],
      ['silent_resolution', at(7)],
      ['rewritten', null],
    ]);
    expect((await listIncidents(store.db, { flag: 'silent_resolution' })).incidents).toEqual([]);
  });

  it('the sweep raises stuck once per episode, with one routed event; an update clears it', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme']);
    const first = update('m-u1', 'monitoring', at(0));
    await poll(store, 'acme', snapshot([incident('m', { updates: [first] })]), at(0));
    expect(await sweep(store, 30)).toEqual([]);

    const [a, b] = await Promise.all([sweep(store, 61), sweep(store, 61)]);
    const events = [...a, ...b];
    expect(events.map((event) => [event.type, event.incidentId])).toEqual([
      ['incident.stuck', 'acme-m'],
    ]);
    expect(events[0]!.changes).toEqual({
      lastUpdateAt: { from: null, to: at(0) },
      stuckAfterSeconds: { from: null, to: 3600 },
    });
    expect(
      await outboxFor(
        store,
        events.map((e) => e.id),
      ),
    ).toEqual([{ target: 'hook', event_id: events[0]!.id }]);
    expect(await sweep(store, 90)).toEqual([]);
    expect((await listIncidents(store.db, { flag: 'stuck' })).incidents.map((i) => i.id)).toEqual([
      'acme-m',
    ]);

    // A new update ends the episode; an hour of silence after it starts a new one.
    await poll(
      store,
      'acme',
      snapshot([incident('m', { updates: [first, update('m-u2', 'monitoring', at(100))] })]),
      at(100),
    );
    expect((await listIncidents(store.db, { flag: 'stuck' })).incidents).toEqual([]);
    expect(await sweep(store, 120)).toEqual([]);
    const again = await sweep(store, 161);
    expect(again.map((event) => event.type)).toEqual(['incident.stuck']);
    const flags = (await listIncidentFlags(store.db, ['acme-m'])).get('acme-m') ?? [];
    expect(flags.map((f) => [f.kind, f.firstDetectedAt, f.clearedAt])).toEqual([
      ['stuck', at(61), at(100)],
      ['stuck', at(161), null],
    ]);
  });

  it('the sweep flags a promised postmortem that did not come within the days given', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme']);
    const updates = [
      update('p-u1', 'investigating', at(0)),
      update('p-u2', 'resolved', at(30), 'Resolved. We will share a root cause analysis.'),
    ];
    await poll(
      store,
      'acme',
      snapshot([incident('p', { phase: 'resolved', resolvedAt: at(30), updates })]),
      at(31),
    );
    const day = 24 * 60;
    expect(await sweep(store, 30 + 6 * day)).toEqual([]);
    expect((await listIncidents(store.db, { flag: 'postmortem_missing' })).incidents).toEqual([]);
    expect(await sweep(store, 31 + 7 * day)).toEqual([]);
    const flags = (await listIncidentFlags(store.db, ['acme-p'])).get('acme-p') ?? [];
    expect(flags.map((f) => f.kind)).toEqual(['postmortem_missing']);
    expect(flags[0]!.evidence).toEqual({
      kind: 'postmortem_missing',
      promisedAt: at(30),
      updateId: 'p-u2',
      dueAt: at(30 + 7 * day),
    });
  });
});
