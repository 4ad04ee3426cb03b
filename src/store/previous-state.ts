// The only read back of the poll path: what the store knows of a vendor, for the diff.
import type { Kysely } from 'kysely';
import type { KnownIncident, PreviousState } from '../domain/diff.js';
import type { ObservedComponent } from '../domain/snapshot.js';
import type { ComponentStatus } from '../domain/vocabulary.js';
import { chunk, maxInListSize, storableText } from './codec.js';
import { incidentFromRow, updateFromRow, type IncidentRow } from './incident-rows.js';
import type { Database } from './schema.js';

/**
 * Null when the vendor never had a successful poll (the next one is its first). Otherwise its
 * components in position order and the stored incidents with the given source ids plus every
 * open one, each with its updates oldest first.
 */
export async function loadPreviousState(
  db: Kysely<Database>,
  slug: string,
  sourceIds: readonly string[],
): Promise<PreviousState | null> {
  const state = await db
    .selectFrom('vendor_state')
    .select('last_success_at')
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!state?.last_success_at) return null;

  const componentRows = await db
    .selectFrom('components')
    .select(['id', 'name', 'group_name', 'status', 'position'])
    .where('vendor_slug', '=', slug)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const components: ObservedComponent[] = componentRows.map((row) => ({
    id: row.id,
    name: row.name,
    group: row.group_name,
    status: row.status as ComponentStatus,
    position: row.position,
  }));

  const rows = new Map<string, IncidentRow>();
  const open = await db
    .selectFrom('incidents')
    .selectAll()
    .where('vendor_slug', '=', slug)
    .where('active', '=', 1)
    .execute();
  for (const row of open) rows.set(row.id, row);
  for (const ids of chunk([...new Set(sourceIds.map(storableText))], maxInListSize)) {
    const listed = await db
      .selectFrom('incidents')
      .selectAll()
      .where('vendor_slug', '=', slug)
      .where('source_id', 'in', ids)
      .execute();
    for (const row of listed) rows.set(row.id, row);
  }

  const incidents = new Map<string, KnownIncident>();
  for (const row of rows.values()) {
    const { vendorSlug: _v, detectedAt: _d, backfilled: _b, ...known } = incidentFromRow(row);
    incidents.set(row.id, { ...known, updates: [] });
  }
  for (const ids of chunk([...incidents.keys()], maxInListSize)) {
    const updates = await db
      .selectFrom('incident_updates')
      .selectAll()
      .where('incident_id', 'in', ids)
      .orderBy('incident_id')
      .orderBy('posted_at')
      .orderBy('id')
      .execute();
    for (const row of updates) {
      const { detectedAt: _d, ...update } = updateFromRow(row);
      incidents.get(row.incident_id)!.updates.push(update);
    }
  }
  return { components, incidents: [...incidents.values()] };
}
