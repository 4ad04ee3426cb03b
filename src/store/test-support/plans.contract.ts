// Contract: the API's list queries stay indexed. The exact SQL the store runs is EXPLAINed over
// enough rows (statistics gathered) that a database would rather scan if it had no usable index.
import { CompiledQuery, type Compilable } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Store } from '../db.js';
import { encodeCursor } from '../cursor.js';
import { eventListQuery, type EventQuery } from '../events.js';
import { refreshSearchWords, type SearchPlan } from '../incident-search.js';
import { incidentListQuery, type IncidentQuery } from '../incidents.js';
import { calendarWindowsQuery, latestOfKindQuery } from '../share-reads.js';
import { addVendors, at, storeOpener, type StoreHarness } from './harness.js';

const vendorCount = 20;
const incidentCount = 10_000;
const eventCount = 5_000;
const impacts = ['notice', 'minor', 'major', 'critical', 'maintenance'];

async function seed(store: Store): Promise<void> {
  const slugs = Array.from({ length: vendorCount }, (_, i) => `vendor${i}`);
  await addVendors(store, slugs);
  const incidents = Array.from({ length: incidentCount }, (_, i) => ({
    id: `vendor${i % vendorCount}-inc${i}`,
    vendor_slug: `vendor${i % vendorCount}`,
    source_id: `inc${i}`,
    title: `Incident number ${i}`,
    kind: impacts[i % impacts.length] === 'maintenance' ? 'maintenance' : 'incident',
    impact: impacts[i % impacts.length]!,
    phase: i % 50 === 0 ? 'investigating' : 'resolved',
    started_at: at(-i * 7),
    resolved_at: i % 50 === 0 ? null : at(-i * 7 + 30),
    detected_at: at(-i * 7),
    backfilled: 0,
    source_url: null,
    components: '[]',
    scheduled_for: null,
    scheduled_until: null,
    active: i % 50 === 0 ? 1 : 0,
    updated_at: at(0),
  }));
  const events = Array.from({ length: eventCount }, (_, i) => ({
    id: `evt_${String(i).padStart(26, '0')}`,
    type: 'incident.updated',
    vendor_slug: `vendor${i % vendorCount}`,
    incident_id: null,
    update_id: null,
    component: null,
    changes: '{}',
    at: at(i),
  }));
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < incidents.length; i += 500) {
      await trx
        .insertInto('incidents')
        .values(incidents.slice(i, i + 500))
        .execute();
    }
    await refreshSearchWords(
      trx,
      incidents.map((incident) => incident.id),
    );
    for (let i = 0; i < events.length; i += 1000) {
      await trx
        .insertInto('events')
        .values(events.slice(i, i + 1000))
        .execute();
    }
  });
  await store.db.executeQuery(CompiledQuery.raw('analyze'));
}

/** `indexesOnly`: PostgreSQL plans as if reading a whole table cost too much. */
async function explain(store: Store, query: Compilable, indexesOnly = false): Promise<string[]> {
  const { sql, parameters } = query.compile();
  const prefix = store.dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
  const result = await store.db.transaction().execute(async (trx) => {
    if (indexesOnly && store.dialect === 'postgres') {
      await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
    }
    return trx.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(prefix + sql, [...parameters]),
    );
  });
  return result.rows.map((row) =>
    String(store.dialect === 'sqlite' ? row.detail : row['QUERY PLAN']),
  );
}

interface PlanCase {
  name: string;
  query: Compilable;
  /** SQLite: reading the table in its own key order with only a LIMIT is not a scan of history. */
  keyOrderScan?: boolean;
  /** SQLite: a search with few matches sorts those matches (at most 1,000), not the history. */
  sortsMatches?: boolean;
  /**
   * PostgreSQL estimates prefix searches coarsely and reads 10,000 rows rather than its word
   * index; the case proves the GIN index serves the search once tables are too large to read.
   */
  search?: boolean;
  /** A word few incidents hold: found through the word index (a common one may walk the list). */
  rareWord?: boolean;
}

function cases(store: Store): PlanCase[] {
  const cursor = encodeCursor([at(-3000), 'vendor3-inc500']);
  const incidents: Array<[IncidentQuery, Partial<PlanCase>?]> = [
    [{}],
    [{ vendor: 'vendor3' }],
    [{ active: true }],
    [{ active: false }],
    [{ impact: 'major' }],
    [{ since: at(-600) }],
    [{ until: at(-600) }],
    [{ cursor }],
    [{ vendor: 'vendor3', active: true }],
    [{ vendor: 'vendor3', active: false, cursor }],
    [{ vendor: 'vendor3', cursor }],
    [{ impact: 'minor', active: false, cursor }],
  ];
  const searches: Array<[IncidentQuery, SearchPlan]> = [
    [{ q: 'number' }, 'along-the-list'],
    [{ q: '12' }, 'along-the-list'],
    [{ q: 'number 12' }, 'along-the-list'],
    [{ vendor: 'vendor3', q: 'number' }, 'along-the-list'],
    [{ active: false, q: 'number', cursor }, 'along-the-list'],
    [{ q: '1234' }, 'from-matches'],
    [{ vendor: 'vendor3', q: '1234' }, 'from-matches'],
  ];
  const events: Array<[EventQuery, Partial<PlanCase>?]> = [
    [{}, { keyOrderScan: true }],
    [{ cursor: encodeCursor([100]) }],
    [{ vendor: 'vendor3' }],
    [{ vendor: 'vendor3', cursor: encodeCursor([100]) }],
    [{ since: at(eventCount - 100) }],
    [{ since: at(100) }],
  ];
  return [
    ...incidents.map(([query, extra]) => ({
      name: `incidents ${JSON.stringify(query)}`,
      query: incidentListQuery(store.db, query, 51),
      ...extra,
    })),
    ...searches.map(([query, plan]) => ({
      name: `incidents ${JSON.stringify(query)} ${plan}`,
      query: incidentListQuery(store.db, query, 51, plan),
      sortsMatches: plan === 'from-matches',
      search: true,
      rareWord: query.q === '1234',
    })),
    // The Statuspage-compatible lists and the maintenance calendars (docs/compat.md).
    ...(['incident', 'maintenance'] as const).map((kind) => ({
      name: `latest ${kind}s of a vendor`,
      query: latestOfKindQuery(store.db, 'vendor3', kind, 50),
    })),
    { name: 'calendar, every vendor', query: calendarWindowsQuery(store.db, { since: at(-600) }) },
    {
      name: 'calendar, one vendor',
      query: calendarWindowsQuery(store.db, { vendor: 'vendor3', since: at(-600) }),
    },
    ...events.map(([query, extra]) => ({
      name: `events ${JSON.stringify(query)}`,
      query: eventListQuery(store.db, query, 51),
      ...extra,
    })),
  ];
}

export function registerPlanContract(harness: StoreHarness): void {
  const opener = storeOpener(harness);

  describe('query plans', () => {
    it('serve every list query of the API from an index, without sorting history', async () => {
      const { store } = await opener.fresh();
      await seed(store);
      for (const planCase of cases(store)) {
        const plan = await explain(store, planCase.query, planCase.search);
        const text = `${planCase.name}:\n  ${plan.join('\n  ')}`;
        if (store.dialect === 'sqlite') {
          expect(
            plan.some((line) => line.includes('TEMP B-TREE')),
            text,
          ).toBe(planCase.sortsMatches ?? false);
          // A virtual table scan is a lookup in the FTS5 word index.
          const bareScans = plan.filter(
            (line) =>
              line.startsWith('SCAN ') &&
              !line.includes(' USING ') &&
              !line.includes(' VIRTUAL TABLE INDEX '),
          );
          expect(bareScans.length, text).toBe(planCase.keyOrderScan ? 1 : 0);
        } else {
          expect(plan.join('\n'), text).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
          if (planCase.rareWord) expect(plan.join('\n'), text).toMatch(/incident_search_lexemes/);
          expect(plan.join('\n'), text).not.toMatch(/Seq Scan/);
        }
      }
    });
  });
}
