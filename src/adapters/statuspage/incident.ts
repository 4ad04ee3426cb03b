// One Statuspage incident or maintenance → ObservedIncident (docs/platforms.md#statuspage).
import type { ObservedIncident } from '../../domain/snapshot.js';
import { parseInstant } from '../../domain/time.js';
import { closedPhases, type IncidentKind, type Phase } from '../../domain/vocabulary.js';
import { incidentUrl } from './base-url.js';
import type { RawItem } from './collect.js';
import type { PageComponents } from './components.js';
import { maintenanceOnlyStatuses, mapImpact, mapPhase } from './enums.js';
import { affectedComponents } from './incident-components.js';
import {
  compareUpdates,
  readLegacyPostmortem,
  samePostmortem,
  readTimeline,
  type TimelineUpdate,
} from './updates.js';
import { asLabel, asRecord, listField, quote, type JsonObject } from '../parse-kit/lenient.js';
import type { Warnings } from '../parse-kit/warnings.js';

/** Longer timelines keep their newest updates (docs/reliability.md#a13). */
const maxUpdatesPerIncident = 500;

interface PageContext {
  components: PageComponents;
  /** Base for `/incidents/<id>` links; null when the page has no web address. */
  linkBase: string | null;
  warnings: Warnings;
}

/** The incident, or null (with a warning) when it has no usable start time. */
export function normalizeItem(item: RawItem, page: PageContext): ObservedIncident | null {
  const { object, id } = item;
  const warnings = page.warnings;
  const rawUpdates = listField(object.incident_updates);
  if (rawUpdates.kind === 'wrong_type') {
    warnings.add(`incident ${id}: incident_updates is ${rawUpdates.got}, read as none`);
  }
  const kind = decideKind(item, rawUpdates.kind === 'list' ? rawUpdates.items : []);
  const scope = {
    incidentId: id,
    kind,
    groupIds: page.components.groupIds,
    nameById: page.components.nameById,
    warnings,
  };
  const timeline = readTimeline(rawUpdates.kind === 'list' ? rawUpdates.items : [], scope);
  const postmortem = readLegacyPostmortem(object, scope);
  if (
    postmortem &&
    !timeline.some((u) => u.sourceId === postmortem.sourceId || samePostmortem(u, postmortem))
  ) {
    timeline.push(postmortem);
    timeline.sort(compareUpdates);
  }

  const phase = readPhase(object, kind, warnings, id);
  const starts = startCandidates(object, kind, timeline);
  const firstStart = starts[0];
  if (firstStart === undefined) {
    warnings.add(`incident ${id}: skipped (no usable start time)`);
    return null;
  }
  let startedAt = firstStart;
  let resolvedAt: string | null = null;
  if (closedPhases.includes(phase)) {
    resolvedAt =
      parseInstant(object.resolved_at) ??
      timeline.at(-1)?.postedAt ??
      parseInstant(object.updated_at) ??
      startedAt;
    if (resolvedAt < startedAt) {
      // Retroactively posted incidents start "after" they ended; take the earliest start that fits.
      const fitting = starts.filter((s) => s <= (resolvedAt ?? s)).sort()[0];
      warnings.add(
        `incident ${id}: starts after it ends, used ${fitting ? 'an earlier start' : 'the start as end'}`,
      );
      if (fitting) startedAt = fitting;
      else resolvedAt = startedAt;
    }
  }

  const updates = timeline
    .slice(-maxUpdatesPerIncident)
    .map(({ refs: _refs, ...update }) => update);
  if (timeline.length > maxUpdatesPerIncident) {
    warnings.add(
      `incident ${id}: ${timeline.length} updates, kept the newest ${maxUpdatesPerIncident}`,
    );
  }
  const title = asLabel(object.name);
  if (title === null) warnings.add(`incident ${id}: no name`);
  return {
    sourceId: id,
    title: title ?? (kind === 'maintenance' ? 'Untitled maintenance' : 'Untitled incident'),
    kind,
    impact: kind === 'maintenance' ? 'maintenance' : readImpact(object, warnings, id),
    phase,
    startedAt,
    resolvedAt,
    sourceUrl: incidentUrl(page.linkBase, id),
    components: affectedComponents(object, timeline, page.components),
    updates,
    scheduledFor: kind === 'maintenance' ? parseInstant(object.scheduled_for) : null,
    scheduledUntil: kind === 'maintenance' ? parseInstant(object.scheduled_until) : null,
  };
}

/**
 * A maintenance is anything listed as one, carrying a maintenance-only status or impact, or an
 * incident named as maintenance whose components went under_maintenance (anydesk; quirk 2 of
 * docs/platforms.md#statuspage-quirks).
 */
function decideKind(item: RawItem, updates: readonly unknown[]): IncidentKind {
  const { object } = item;
  const status = object.status;
  if (item.listedAsMaintenance || object.impact === 'maintenance') return 'maintenance';
  if (typeof status === 'string' && maintenanceOnlyStatuses.includes(status)) return 'maintenance';
  const name = object.name;
  if (typeof name !== 'string' || !/maint[ae]nance/i.test(name)) return 'incident';
  return wentUnderMaintenance(object, updates) ? 'maintenance' : 'incident';
}

function wentUnderMaintenance(incident: JsonObject, updates: readonly unknown[]): boolean {
  const statusOf = (entry: unknown, key: string): unknown => {
    const object = asRecord(entry);
    return object ? object[key] : undefined;
  };
  const own = incident.components;
  if (Array.isArray(own) && own.some((c) => statusOf(c, 'status') === 'under_maintenance')) {
    return true;
  }
  return updates.some((update) => {
    const refs = statusOf(update, 'affected_components');
    return (
      Array.isArray(refs) && refs.some((r) => statusOf(r, 'new_status') === 'under_maintenance')
    );
  });
}

function readPhase(object: JsonObject, kind: IncidentKind, warnings: Warnings, id: string): Phase {
  const raw = object.status;
  const phase = mapPhase(kind, raw);
  if (phase !== null) return phase;
  const resolved = parseInstant(object.resolved_at) !== null;
  const fallback: Phase =
    kind === 'maintenance'
      ? resolved
        ? 'completed'
        : 'scheduled'
      : resolved
        ? 'resolved'
        : 'investigating';
  warnings.add(`incident ${id}: unknown status ${quote(raw)}, read as ${fallback}`);
  return fallback;
}

function readImpact(
  object: JsonObject,
  warnings: Warnings,
  id: string,
): ObservedIncident['impact'] {
  const raw = object.impact;
  const impact = mapImpact(raw);
  if (impact !== null && impact !== 'maintenance') return impact;
  warnings.add(`incident ${id}: unknown impact ${quote(raw)}, read as minor`);
  return 'minor';
}

/** Start times, best first (docs/platforms.md#statuspage-quirks, quirk 6); broken ones left out. */
function startCandidates(
  object: JsonObject,
  kind: IncidentKind,
  timeline: readonly TimelineUpdate[],
): string[] {
  const keys =
    kind === 'maintenance'
      ? ['scheduled_for', 'started_at', 'created_at']
      : ['started_at', 'created_at'];
  const times = keys.map((key) => parseInstant(object[key]));
  times.push(timeline[0]?.postedAt ?? null);
  return times.filter((time): time is string => time !== null);
}
