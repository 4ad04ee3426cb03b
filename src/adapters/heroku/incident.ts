// One Heroku incident or scheduled maintenance. `state` is trusted over the `resolved` flag,
// which can say false on a resolved incident (docs/platforms.md#heroku).
import type { ObservedIncident, ObservedUpdate } from '../../domain/snapshot.js';
import { compareImpact } from '../../domain/status.js';
import { closedPhases, type Impact, type Phase } from '../../domain/vocabulary.js';
import { parseVendorTime } from '../parse-kit/dates.js';
import {
  buildUpdate,
  closedSince,
  finishIncident,
  safeHttpUrl,
} from '../parse-kit/incident-parts.js';
import {
  asBoolean,
  asId,
  asList,
  asRecord,
  asText,
  type JsonObject,
} from '../parse-kit/lenient.js';
import { capList, type Warnings } from '../parse-kit/warnings.js';
import { impactOfColour, isUnchangedStep, phaseOfStep } from './enums.js';

export function readItem(
  raw: unknown,
  maintenance: boolean,
  warnings: Warnings,
): ObservedIncident | null {
  const item = asRecord(raw);
  const id = asId(item?.id);
  if (!item || id === null) {
    warnings.add('incident without an id; skipped');
    return null;
  }
  const updates = readUpdates(item, id, maintenance, warnings);
  const startedAt =
    (maintenance ? updates.find((u) => u.phase === 'in_progress')?.postedAt : undefined) ??
    parseVendorTime(item.created_at) ??
    updates[0]?.postedAt ??
    null;
  if (startedAt === null) {
    warnings.add(`incident ${id}: no usable time; skipped`);
    return null;
  }
  const phase = overallPhase(item, updates, maintenance, warnings, id);
  const closedAt =
    parseVendorTime(item.resolved_at) ?? closedSince(updates) ?? parseVendorTime(item.updated_at);
  return finishIncident(
    {
      sourceId: id,
      title: asText(item.title) ?? '',
      kind: maintenance ? 'maintenance' : 'incident',
      impact: maintenance ? 'maintenance' : worstImpact(item),
      phase,
      startedAt,
      resolvedAt: closedPhases.includes(phase)
        ? closedAt !== null && closedAt > startedAt
          ? closedAt
          : startedAt
        : null,
      sourceUrl: safeHttpUrl(item.full_url),
      components: asList(item.systems).flatMap(
        (system) => asText(asRecord(system)?.name ?? system) ?? [],
      ),
      updates,
      scheduledFor: null,
      scheduledUntil: null,
    },
    warnings,
  );
}

function overallPhase(
  item: JsonObject,
  updates: ObservedUpdate[],
  maintenance: boolean,
  warnings: Warnings,
  id: string,
): Phase {
  const state = typeof item.state === 'string' ? item.state.trim().toLowerCase() : null;
  const closed =
    state === null
      ? asBoolean(item.resolved) === true
      : state === 'resolved' || state === 'completed';
  const latest = updates.at(-1)?.phase ?? (maintenance ? 'scheduled' : 'investigating');
  if (closed) return maintenance ? 'completed' : 'resolved';
  if (closedPhases.includes(latest)) {
    warnings.add(
      `incident ${id}: open state with a resolved update; read as ${maintenance ? 'verifying' : 'monitoring'}`,
    );
    return maintenance ? 'verifying' : 'monitoring';
  }
  return latest;
}

/** The worst colour any update gave production or development; no colours at all reads minor. */
function worstImpact(item: JsonObject): Impact {
  const impacts = asList(item.updates).flatMap((raw) => {
    const update = asRecord(raw);
    return [impactOfColour(update?.status_prod), impactOfColour(update?.status_dev)].flatMap(
      (i) => i ?? [],
    );
  });
  if (impacts.length === 0) return 'minor';
  return impacts.reduce((worst, impact) => (compareImpact(impact, worst) > 0 ? impact : worst));
}

/** Updates arrive newest first; phases carry forward through "update" steps, oldest first. */
function readUpdates(
  item: JsonObject,
  id: string,
  maintenance: boolean,
  warnings: Warnings,
): ObservedUpdate[] {
  const rows = capList(asList(item.updates), `incident ${id} updates`, warnings).flatMap((raw) => {
    const update = asRecord(raw);
    const postedAt = parseVendorTime(update?.created_at);
    const updateId = asId(update?.id);
    if (!update || postedAt === null || updateId === null) {
      warnings.add(`incident ${id}: update without an id or time; skipped`);
      return [];
    }
    return [{ update, postedAt, updateId }];
  });
  rows.sort((a, b) => (a.postedAt < b.postedAt ? -1 : a.postedAt > b.postedAt ? 1 : 0));
  let phase: Phase = maintenance ? 'scheduled' : 'investigating';
  return rows.map(({ update, postedAt, updateId }) => {
    const stated = phaseOfStep(update.update_type, maintenance);
    if (stated !== null) phase = stated;
    else if (!isUnchangedStep(update.update_type)) {
      warnings.add(`incident ${id}: unknown update type; kept the phase`);
    }
    return buildUpdate({
      sourceId: updateId,
      phase,
      raw: asText(update.contents) ?? '',
      postedAt,
      components: null,
    });
  });
}
