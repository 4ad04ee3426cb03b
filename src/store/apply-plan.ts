// Writes a CyclePlan's data (components, incidents, updates, revisions) inside the caller's
// transaction. Inserts are batched; the order keeps foreign keys satisfied.
import type { Kysely, Updateable } from 'kysely';
import type { CyclePlan, IncidentWrite } from '../domain/diff.js';
import type { IncidentUpdate } from '../domain/model.js';
import type { ObservedComponent } from '../domain/snapshot.js';
import {
  chunk,
  rowsPerInsert,
  storableText,
  storableTextOrNull,
  storedInstant,
  storedInstantOrNull,
  toJson,
} from './codec.js';
import { incidentToRow, isActivePhase, revisionToRow, updateToRow } from './incident-rows.js';
import { refreshSearchWords } from './incident-search.js';
import type { Database, IncidentTable } from './schema.js';

type IncidentUpdateWrite = Extract<IncidentWrite, { action: 'update' }>;

export async function applyPlan(
  trx: Kysely<Database>,
  vendorSlug: string,
  plan: Pick<CyclePlan, 'components' | 'incidents'>,
  now: string,
): Promise<void> {
  if (plan.components !== null) await replaceComponents(trx, vendorSlug, plan.components, now);

  const inserts = plan.incidents.filter((write) => write.action === 'insert');
  const updates = plan.incidents.filter((write) => write.action === 'update');

  const incidentRows = inserts.map((write) => incidentToRow(write.incident, now));
  for (const batch of chunk(incidentRows, rowsPerInsert(17))) {
    await trx.insertInto('incidents').values(batch).execute();
  }
  for (const write of updates) await updateIncidentFields(trx, write, now);

  const newUpdates = [
    ...inserts.flatMap((write) => write.updates.map((u) => updateToRow(write.incident.id, u))),
    ...updates.flatMap((write) => write.newUpdates.map((u) => updateToRow(write.incidentId, u))),
  ];
  for (const batch of chunk(newUpdates, rowsPerInsert(8))) {
    await trx.insertInto('incident_updates').values(batch).execute();
  }
  for (const write of updates) {
    for (const edited of write.editedUpdates)
      await updateEditedUpdate(trx, write.incidentId, edited);
  }

  const revisions = updates.flatMap((write) => write.revisions.map(revisionToRow));
  for (const batch of chunk(revisions, rowsPerInsert(6))) {
    await trx.insertInto('revisions').values(batch).execute();
  }

  await refreshSearchWords(trx, [
    ...inserts.map((write) => write.incident.id),
    ...updates.filter(changesSearchWords).map((write) => write.incidentId),
  ]);
}

/** Phase, impact or time changes alone leave the words an incident is found by as they were. */
function changesSearchWords(write: IncidentUpdateWrite): boolean {
  return (
    write.fields.title !== undefined ||
    write.fields.components !== undefined ||
    write.newUpdates.length > 0 ||
    write.editedUpdates.length > 0
  );
}

async function replaceComponents(
  trx: Kysely<Database>,
  vendorSlug: string,
  components: readonly ObservedComponent[],
  now: string,
): Promise<void> {
  await trx.deleteFrom('components').where('vendor_slug', '=', vendorSlug).execute();
  const rows = components.map((component) => ({
    vendor_slug: vendorSlug,
    id: storableText(component.id),
    name: storableText(component.name),
    group_name: storableTextOrNull(component.group),
    status: component.status,
    position: component.position,
    updated_at: now,
  }));
  for (const batch of chunk(rows, rowsPerInsert(7))) {
    await trx.insertInto('components').values(batch).execute();
  }
}

async function updateIncidentFields(
  trx: Kysely<Database>,
  write: IncidentUpdateWrite,
  now: string,
): Promise<void> {
  const { fields } = write;
  const set: Updateable<IncidentTable> = { updated_at: now };
  if (fields.title !== undefined) set.title = storableText(fields.title);
  if (fields.kind !== undefined) set.kind = fields.kind;
  if (fields.impact !== undefined) set.impact = fields.impact;
  if (fields.phase !== undefined) {
    set.phase = fields.phase;
    set.active = isActivePhase(fields.phase) ? 1 : 0;
  }
  if (fields.startedAt !== undefined) set.started_at = storedInstant(fields.startedAt);
  if (fields.resolvedAt !== undefined) set.resolved_at = storedInstantOrNull(fields.resolvedAt);
  if (fields.sourceUrl !== undefined) set.source_url = storableTextOrNull(fields.sourceUrl);
  if (fields.components !== undefined) set.components = toJson(fields.components);
  if (fields.scheduledFor !== undefined)
    set.scheduled_for = storedInstantOrNull(fields.scheduledFor);
  if (fields.scheduledUntil !== undefined) {
    set.scheduled_until = storedInstantOrNull(fields.scheduledUntil);
  }
  if (fields.regions !== undefined) set.regions = toJson(fields.regions);
  const result = await trx
    .updateTable('incidents')
    .set(set)
    .where('id', '=', write.incidentId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    throw new Error(`incident ${write.incidentId} is not in the store`);
  }
}

/** The vendor edited an update's text, phase or time: the row takes the new values. */
async function updateEditedUpdate(
  trx: Kysely<Database>,
  incidentId: string,
  edited: Omit<IncidentUpdate, 'detectedAt'>,
): Promise<void> {
  await trx
    .updateTable('incident_updates')
    .set({
      phase: edited.phase,
      body: storableText(edited.body),
      body_text: storableText(edited.bodyText),
      posted_at: storedInstant(edited.postedAt),
      components: edited.components === null ? null : toJson(edited.components),
    })
    .where('incident_id', '=', incidentId)
    .where('id', '=', storableText(edited.id))
    .execute();
}
