// One Sorry™ notice → ObservedIncident. `planned` notices are maintenance with a window;
// `unplanned` ones are incidents, `general` ones informational notices. Updates carry no state:
// the first reads as the opening phase, the newest as the notice's current one.
import type { ObservedIncident, ObservedUpdate } from '../../domain/snapshot.js';
import { closedPhases, type Phase } from '../../domain/vocabulary.js';
import { parseVendorTime } from '../parse-kit/dates.js';
import { buildUpdate, finishIncident, safeHttpUrl } from '../parse-kit/incident-parts.js';
import { asId, asList, asRecord, asText, type JsonObject } from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { phaseOf } from './enums.js';

export function readNotice(
  raw: unknown,
  nameById: ReadonlyMap<string, string>,
  warnings: Warnings,
): ObservedIncident | null {
  const notice = asRecord(raw);
  const id = asId(notice?.id);
  if (!notice || id === null) {
    warnings.add('notice without an id; skipped');
    return null;
  }
  const planned = notice.type === 'planned';
  const startedAt =
    (planned ? parseVendorTime(notice.begins_at) : null) ??
    parseVendorTime(notice.began_at) ??
    parseVendorTime(notice.created_at);
  if (startedAt === null) {
    warnings.add(`notice ${id}: no usable time; skipped`);
    return null;
  }
  const phase = readPhase(notice, id, planned, warnings);
  const updates = readUpdates(notice, id, planned, phase, startedAt, warnings);
  const endedAt =
    parseVendorTime(notice.ended_at) ??
    updates.at(-1)?.postedAt ??
    parseVendorTime(notice.updated_at);
  return finishIncident(
    {
      sourceId: id,
      title: asText(notice.subject) ?? '',
      kind: planned ? 'maintenance' : 'incident',
      impact: planned ? 'maintenance' : notice.type === 'general' ? 'notice' : 'minor',
      phase,
      startedAt,
      resolvedAt: closedPhases.includes(phase)
        ? endedAt !== null && endedAt > startedAt
          ? endedAt
          : startedAt
        : null,
      sourceUrl: safeHttpUrl(notice.link),
      components: asList(notice.component_ids).flatMap(
        (componentId) => nameById.get(asId(componentId) ?? '') ?? [],
      ),
      updates,
      scheduledFor: planned ? parseVendorTime(notice.begins_at) : null,
      scheduledUntil: planned ? parseVendorTime(notice.ends_at) : null,
    },
    warnings,
  );
}

function readPhase(notice: JsonObject, id: string, planned: boolean, warnings: Warnings): Phase {
  const phase = phaseOf(notice.state, planned);
  if (phase !== undefined) return phase;
  const ended = parseVendorTime(notice.ended_at) !== null;
  const fallback: Phase = planned
    ? ended
      ? 'completed'
      : 'scheduled'
    : ended
      ? 'resolved'
      : 'investigating';
  if (notice.type !== 'general') warnings.add(`notice ${id}: unknown state; read as ${fallback}`);
  return fallback;
}

/** Oldest first; a notice without updates shows its synopsis as the one update. */
function readUpdates(
  notice: JsonObject,
  id: string,
  planned: boolean,
  phase: Phase,
  startedAt: string,
  warnings: Warnings,
): ObservedUpdate[] {
  const rows = capList(asList(notice.updates), `notice ${id} updates`, warnings).flatMap((raw) => {
    const update = asRecord(raw);
    const updateId = asId(update?.id);
    const postedAt = parseVendorTime(update?.created_at);
    if (!update || updateId === null || postedAt === null) {
      warnings.add(`notice ${id}: update without an id or time; skipped`);
      return [];
    }
    return [{ sourceId: updateId, postedAt, raw: asText(update.content) ?? '' }];
  });
  const synopsis = asText(notice.synopsis);
  if (rows.length === 0 && synopsis !== null) {
    rows.push({ sourceId: 'synopsis', postedAt: startedAt, raw: synopsis });
  }
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => order(a.postedAt, b.postedAt) || order(a.sourceId, b.sourceId));
  const opening: Phase = planned ? 'scheduled' : 'investigating';
  return rows.map((row, index) =>
    buildUpdate({ ...row, phase: index === rows.length - 1 ? phase : opening, components: null }),
  );
}
