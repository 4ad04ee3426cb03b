// Contract: the API's list queries stay indexed. The exact SQL the store runs is EXPLAINed over
// enough rows (statistics gathered) that a database would rather scan if it had no usable index.
import { CompiledQuery, type Compilable } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Store } from '../db.js';
import { encodeCursor } from '../cursor.js';
import { eventListQuery, type EventQuery } from '../events.js';
import { incidentListQuery, type IncidentQuery } from '../incidents.js';
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
    kind: 'incident',
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
    for (let i = 0; i < events.length; i += 1000) {
      await trx
        .insertInto('events')
        .values(events.slice(i, i + 1000))
        .execute();
    }
  });
  await store.db.executeQuery(CompiledQuery.raw('analyze'));
}

async function explain(store: Store, query: Compilable): Promise<string[]> {
  const { sql, parameters } = query.compile();
  const prefix = store.dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
  const result = await store.db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(prefix + sql, [...parameters]),
  );
  return result.rows.map((row) =>
    String(store.dialect === 'sqlite' ? row.detail : row['QUERY PLAN']),
  );
}

interface PlanCase {
  name: string;
  query: Compilable;
  /** SQLite: reading the table in its own key order with only a LIMIT is not a scan of history. */
  keyOrderScan?: boolean;
  /** A title substring cannot use a b-tree; PostgreSQL may then prefer a scan (SQLite walks an index). */
  substringOnly?: boolean;
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
    [{ vendor: 'vendor3', q: 'number 12' }],
    [{ impact: 'minor', active: false, cursor }],
    [{ q: 'number 12' }, { substringOnly: true }],
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
        const plan = await explain(store, planCase.query);
        const text = `${planCase.name}:\n  ${plan.join('\n  ')}`;
        if (store.dialect === 'sqlite') {
          expect(
            plan.some((line) => line.includes('TEMP B-TREE')),
            text,
          ).toBe(false);
          const bareScans = plan.filter(
            (line) => line.startsWith('SCAN ') && !line.includes(' USING '),
          );
          expect(bareScans.length, text).toBe(planCase.keyOrderScan ? 1 : 0);
        } else if (!planCase.substringOnly) {
          expect(plan.join('\n'), text).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
          expect(plan.join('\n'), text).not.toMatch(/Seq Scan/);
        }
      }
    });
  });
}
