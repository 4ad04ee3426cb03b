// The SLA range read on SQLite and PostgreSQL: every incident open at some instant of the range,
// whenever it started, and nothing that ended before it or started after it.
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/test-support/databases.js';
import { databaseOpeners } from './test-support/database-openers.js';
import { listIncidentsSinceWithUpdates, listVendorRangeIncidents } from './range-reads.js';
import { addVendors, at, incident, poll, snapshot, update } from './test-support/harness.js';

const openerFor = databaseOpeners('range-reads');

function resolvedBetween(sourceId: string, start: number, end: number) {
  return incident(sourceId, {
    updates: [
      update(`${sourceId}-u1`, 'investigating', at(start)),
      update(`${sourceId}-u2`, 'resolved', at(end)),
    ],
    resolvedAt: at(end),
  });
}

describe.each(databaseKinds)('range reads on %s', (kind) => {
  const opener = openerFor(kind);

  it('reads what reaches into [from, to): started before and still running, inside, still open', async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme', 'other']);
    await poll(
      store,
      'acme',
      snapshot([
        resolvedBetween('ended-before', -500, -200),
        resolvedBetween('ends-at-from', -300, -100),
        resolvedBetween('reaches-in', -300, -50),
        resolvedBetween('inside', -80, -70),
        resolvedBetween('starts-at-to', 0, 5),
        incident('open', { updates: [update('open-u1', 'investigating', at(-400))] }),
      ]),
      at(10),
    );
    await poll(store, 'other', snapshot([resolvedBetween('elsewhere', -80, -70)]), at(10));
    const { incidents, truncated } = await listVendorRangeIncidents(
      store.db,
      'acme',
      at(-100),
      at(0),
    );
    expect(incidents.map((item) => item.sourceId)).toEqual(['inside', 'reaches-in', 'open']);
    expect(truncated).toBe(false);
    expect(incidents[0]).toMatchObject({ startedAt: at(-80), resolvedAt: at(-70) });
  });

  it("reads every vendor's incidents started since an instant, each with its updates oldest first", async () => {
    const { store } = await opener.fresh();
    await addVendors(store, ['acme', 'other']);
    await poll(
      store,
      'acme',
      snapshot([resolvedBetween('old', -500, -400), resolvedBetween('new', -50, -10)]),
      at(10),
    );
    await poll(store, 'other', snapshot([resolvedBetween('x', -20, -5)]), at(10));
    const { incidents, truncated } = await listIncidentsSinceWithUpdates(store.db, at(-100));
    expect(truncated).toBe(false);
    expect(incidents.map((item) => [item.id, item.updates.map((u) => u.id)])).toEqual([
      ['other-x', ['x-u1', 'x-u2']],
      ['acme-new', ['new-u1', 'new-u2']],
    ]);
  });
});
