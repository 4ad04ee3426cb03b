// status.io incidents and maintenances (docs/platforms.md#statusio): only open ones are listed,
// messages oldest first, affected components at the incident level only.
import type { ObservedIncident, ObservedUpdate } from '../../domain/snapshot.js';
import type { Phase } from '../../domain/vocabulary.js';
import { parseVendorTime } from '../parse-kit/dates.js';
import { buildUpdate, finishIncident } from '../parse-kit/incident-parts.js';
import { asId, asList, asRecord, asText, type JsonObject } from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { impactOf, phaseOfState } from './enums.js';

export interface ItemContext {
  /** `<page>/pages/incident/<pageId>/` style link base, or null when unknown. */
  linkFor: (kind: 'incident' | 'maintenance', id: string) => string | null;
  warnings: Warnings;
}

export function readIncident(raw: unknown, context: ItemContext): ObservedIncident | null {
  const item = asRecord(raw);
  const id = asId(item?._id ?? item?.id);
  if (!item || id === null) {
    context.warnings.add('incident without an id; skipped');
    return null;
  }
  const messages = readMessages(item, id, context.warnings);
  const last = messages.at(-1);
  const startedAt = parseVendorTime(item.datetime_open) ?? messages[0]?.update.postedAt ?? null;
  if (startedAt === null) {
    context.warnings.add(`incident ${id}: no usable time; skipped`);
    return null;
  }
  let impact = impactOf(last?.statusCode);
  if (impact === null) {
    context.warnings.add(`incident ${id}: no known status code on its last message; read as minor`);
    impact = 'minor';
  }
  return finishIncident(
    {
      sourceId: id,
      title: asText(item.name) ?? '',
      kind: 'incident',
      impact,
      phase: last?.update.phase ?? 'investigating',
      startedAt,
      resolvedAt: null,
      sourceUrl: context.linkFor('incident', id),
      components: affectedNames(item),
      updates: messages.map((message) => message.update),
      scheduledFor: null,
      scheduledUntil: null,
    },
    context.warnings,
  );
}

export function readMaintenance(
  raw: unknown,
  active: boolean,
  context: ItemContext,
): ObservedIncident | null {
  const item = asRecord(raw);
  const id = asId(item?._id ?? item?.id);
  if (!item || id === null) {
    context.warnings.add('maintenance without an id; skipped');
    return null;
  }
  const plannedStart = parseVendorTime(item.datetime_planned_start);
  const startedAt = plannedStart ?? parseVendorTime(item.datetime_open);
  if (startedAt === null) {
    context.warnings.add(`maintenance ${id}: no usable time; skipped`);
    return null;
  }
  // Messages posted before the planned start announce it; later ones report progress.
  const phaseAt = (postedAt: string): Phase =>
    active && (plannedStart === null || postedAt >= plannedStart) ? 'in_progress' : 'scheduled';
  const updates = readMessages(item, id, context.warnings).map(({ update }) => ({
    ...update,
    phase: phaseAt(update.postedAt),
  }));
  return finishIncident(
    {
      sourceId: id,
      title: asText(item.name) ?? '',
      kind: 'maintenance',
      impact: 'maintenance',
      phase: active ? 'in_progress' : 'scheduled',
      startedAt,
      resolvedAt: null,
      sourceUrl: context.linkFor('maintenance', id),
      components: affectedNames(item),
      updates,
      scheduledFor: plannedStart,
      scheduledUntil: parseVendorTime(item.datetime_planned_end),
    },
    context.warnings,
  );
}

interface Message {
  update: ObservedUpdate;
  statusCode: unknown;
}

/** Messages carry no ids; their position (oldest first, appended) is stable across polls. */
function readMessages(item: JsonObject, id: string, warnings: Warnings): Message[] {
  let phase: Phase = 'investigating';
  return capList(asList(item.messages), `incident ${id} messages`, warnings).flatMap(
    (raw, index) => {
      const message = asRecord(raw);
      const postedAt = parseVendorTime(message?.datetime);
      if (!message || postedAt === null) {
        warnings.add(`incident ${id}: message without a usable time; skipped`);
        return [];
      }
      phase = phaseOfState(message.state) ?? phase;
      const update = buildUpdate({
        sourceId: asId(message._id) ?? `${id}-${String(index + 1).padStart(3, '0')}`,
        phase,
        raw: asText(message.details) ?? '',
        postedAt,
        components: null,
      });
      return [{ update, statusCode: message.status }];
    },
  );
}

function affectedNames(item: JsonObject): string[] {
  return asList(item.components_affected).flatMap((ref) => asText(asRecord(ref)?.name) ?? []);
}
