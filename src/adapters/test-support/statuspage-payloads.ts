// Small hand-built Statuspage payloads for hostile-input tests (tests only). Real captures stay the
// reference for shapes; these only vary the field under test.
import { expect } from 'vitest';
import type { VendorSnapshot } from '../../domain/snapshot.js';
import { normalizeStatuspage } from '../statuspage/normalize.js';
import type { ParseResult } from '../types.js';
import { snapshotViolations } from './snapshot-invariants.js';

export type Json = Record<string, unknown>;

export const context = { statusPageUrl: 'https://status.example.test' };
export const t0 = '2024-05-01T10:00:00.000Z';

/** An open minor incident with one update, overridable field by field. */
export function incidentJson(id: unknown, extra: Json = {}): Json {
  return {
    id,
    name: `Incident ${String(id)}`,
    status: 'investigating',
    impact: 'minor',
    created_at: t0,
    updated_at: t0,
    incident_updates: [
      { id: `${String(id)}-u1`, status: 'investigating', body: 'Looking', created_at: t0 },
    ],
    components: [],
    ...extra,
  };
}

/** The three endpoint bodies: summary fields merged over an empty page, then the two lists. */
export function bodies(summary: Json, incidents: unknown[] = [], maintenances: unknown[] = []) {
  return {
    summary: JSON.stringify({
      page: { name: 'Example' },
      components: [],
      incidents: [],
      scheduled_maintenances: [],
      ...summary,
    }),
    incidents: JSON.stringify({ incidents }),
    maintenances: JSON.stringify({ scheduled_maintenances: maintenances }),
  };
}

export function parse(input: Readonly<Record<string, string | null>>): ParseResult {
  return normalizeStatuspage(input, context);
}

/** Parses, requires success, and checks the snapshot invariants on the way. */
export function snapshot(input: Readonly<Record<string, string | null>>): VendorSnapshot {
  const result = parse(input);
  if (!result.ok) throw new Error(result.error);
  expect(snapshotViolations(result.snapshot)).toEqual([]);
  return result.snapshot;
}
