// Feed entries to incidents. A Statuspage-style entry carries its whole timeline; any other
// entry becomes an incident with one update. Feeds show a window, never the full open set.
import type { ObservedIncident, ObservedUpdate } from '../../domain/snapshot.js';
import type { IncidentKind, Phase } from '../../domain/vocabulary.js';
import { closedPhases } from '../../domain/vocabulary.js';
import { bodyToText } from '../../domain/sanitize.js';
import { instantFromWallClock } from '../parse-kit/dates.js';
import { hashId } from '../parse-kit/ids.js';
import { buildUpdate, closedSince, finishIncident } from '../parse-kit/incident-parts.js';
import type { Warnings } from '../parse-kit/warnings.js';
import type { FeedEntry } from './feed.js';
import { isMaintenancePhase, phaseForKind, phaseOfLabel, statedPhase } from './phases.js';
import { parseTimeline, type TimelineItem } from './timeline.js';

/** Backdated updates may sit slightly before the previous one; more than this means a new year. */
const backInTimeSlackMs = 24 * 3600 * 1000;

/** The vendor's id where the link carries one (joins to the JSON API), else a stable hash. */
function entrySourceId(entry: FeedEntry): string {
  const path = entry.link === null ? '' : new URL(entry.link).pathname;
  const code = /\/(?:incidents?|maintenances?)\/([A-Za-z0-9_-]{4,64})\/?$/.exec(path);
  if (code) return code[1]!;
  return hashId(entry.guid ?? entry.link ?? `${entry.title}|${entry.published ?? ''}`);
}

export function entryToIncident(entry: FeedEntry, warnings: Warnings): ObservedIncident | null {
  const sourceId = entrySourceId(entry);
  const timeline = parseTimeline(entry.html, warnings, `entry ${sourceId}`);
  return timeline.length > 0
    ? fromTimeline(entry, sourceId, timeline, warnings)
    : fromSingleEntry(entry, sourceId, warnings);
}

function fromTimeline(
  entry: FeedEntry,
  sourceId: string,
  newestFirst: TimelineItem[],
  warnings: Warnings,
): ObservedIncident | null {
  const items = [...newestFirst].reverse();
  const labelled = items.map((item) => phaseOfLabel(item.label));
  const kind: IncidentKind =
    labelled.some((phase) => phase !== null && isMaintenancePhase(phase)) ||
    (labelled.every((phase) => phase === null) && /\bmaintenance\b/i.test(entry.title))
      ? 'maintenance'
      : 'incident';
  const instants = timelineInstants(items, entry.published ?? entry.updated, warnings, sourceId);
  let phase: Phase = kind === 'maintenance' ? 'scheduled' : 'investigating';
  const updates: ObservedUpdate[] = [];
  for (const [index, item] of items.entries()) {
    const postedAt = instants[index] ?? null;
    if (postedAt === null) continue;
    const labelPhase = labelled[index] ?? null;
    if (labelPhase === null && !/^update$/i.test(item.label)) {
      warnings.add(`entry ${sourceId}: unknown label "${item.label.slice(0, 40)}" kept the phase`);
    }
    if (labelPhase !== null) phase = phaseForKind(labelPhase, kind);
    updates.push(
      buildUpdate({
        sourceId: `${sourceId}-${String(index + 1).padStart(3, '0')}`,
        phase,
        raw: item.html,
        postedAt,
        components: null,
      }),
    );
  }
  const startedAt =
    (kind === 'maintenance'
      ? updates.find((u) => u.phase === 'in_progress')?.postedAt
      : undefined) ??
    updates[0]?.postedAt ??
    entry.published;
  if (startedAt === null || startedAt === undefined) {
    warnings.add(`entry ${sourceId}: no usable date; skipped`);
    return null;
  }
  return finishIncident(
    {
      sourceId,
      title: entry.title,
      kind,
      impact: kind === 'maintenance' ? 'maintenance' : 'minor',
      phase,
      startedAt,
      resolvedAt: closedSince(updates),
      sourceUrl: entry.link,
      components: [],
      updates,
      scheduledFor: null,
      scheduledUntil: null,
    },
    warnings,
  );
}

/**
 * Feeds omit the year. The oldest update takes the year that puts it nearest the entry's
 * publication; each later one keeps the previous year unless that would go back in time.
 */
function timelineInstants(
  items: readonly TimelineItem[],
  anchor: string | null,
  warnings: Warnings,
  sourceId: string,
): Array<string | null> {
  const anchorMs = anchor === null ? null : Date.parse(anchor);
  let previous: { year: number; ms: number } | null = null;
  return items.map((item) => {
    const { stamp } = item;
    if (stamp.offset === null) {
      warnings.add(`entry ${sourceId}: update time has no known zone; read as UTC`);
    }
    const at = (year: number) =>
      instantFromWallClock({ ...stamp, year, second: 0, offset: stamp.offset ?? '+00:00' });
    let instant: string | null;
    if (stamp.year !== null) instant = at(stamp.year);
    else if (previous !== null) {
      instant = at(previous.year);
      if (instant !== null && Date.parse(instant) < previous.ms - backInTimeSlackMs) {
        instant = at(previous.year + 1);
      }
    } else if (anchorMs !== null) instant = nearestYear(at, anchorMs);
    else instant = null;
    if (instant !== null)
      previous = { year: new Date(instant).getUTCFullYear(), ms: Date.parse(instant) };
    return instant;
  });
}

function nearestYear(at: (year: number) => string | null, anchorMs: number): string | null {
  const year = new Date(anchorMs).getUTCFullYear();
  const candidates = [year - 1, year, year + 1]
    .map(at)
    .filter((instant): instant is string => instant !== null);
  const distance = (instant: string) => Math.abs(Date.parse(instant) - anchorMs);
  return candidates.reduce<string | null>(
    (best, instant) => (best === null || distance(instant) < distance(best) ? instant : best),
    null,
  );
}

function fromSingleEntry(
  entry: FeedEntry,
  sourceId: string,
  warnings: Warnings,
): ObservedIncident | null {
  const postedAt = entry.updated ?? entry.published;
  if (postedAt === null) {
    warnings.add(`entry ${sourceId}: no usable date; skipped`);
    return null;
  }
  const stated = statedPhase(entry.title, bodyToText(entry.html));
  const kind: IncidentKind =
    (stated !== null && isMaintenancePhase(stated)) || /\bmaintenance\b/i.test(entry.title)
      ? 'maintenance'
      : 'incident';
  if (stated === null) warnings.add(`entry ${sourceId}: states no phase; read as open`);
  const phase = phaseForKind(stated ?? 'investigating', kind);
  const update = buildUpdate({
    sourceId: `${sourceId}-1`,
    phase,
    raw: entry.html,
    postedAt,
    components: null,
  });
  return finishIncident(
    {
      sourceId,
      title: entry.title,
      kind,
      impact: kind === 'maintenance' ? 'maintenance' : 'minor',
      phase,
      startedAt: entry.published ?? postedAt,
      resolvedAt: closedPhases.includes(phase) ? postedAt : null,
      sourceUrl: entry.link,
      components: [],
      updates: update.bodyText === '' ? [] : [update],
      scheduledFor: null,
      scheduledUntil: null,
    },
    warnings,
  );
}
