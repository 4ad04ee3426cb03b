// Azure status RSS (docs/platforms.md#azure): only current issues are items, a healthy feed has
// none. No severity and no ids: each item is an open incident keyed by its guid or title; its
// <category> elements name the services (components) and regions it affects.
import type { ObservedComponent, ObservedIncident, VendorSnapshot } from '../../domain/snapshot.js';
import { bodyToText } from '../../domain/sanitize.js';
import { worstStatus } from '../../domain/status.js';
import { slugify } from '../../domain/text.js';
import {
  closedPhases,
  type ComponentStatus,
  type IncidentKind,
  type Phase,
} from '../../domain/vocabulary.js';
import { instantFromWallClock, monthNumber } from '../parse-kit/dates.js';
import { hashId } from '../parse-kit/ids.js';
import { buildUpdate, finishIncident, uniqueComponents } from '../parse-kit/incident-parts.js';
import { capList, maxItemsPerList, maxNamesPerItem, Warnings } from '../parse-kit/warnings.js';
import type { ParseResult } from '../types.js';
import { readFeed, type FeedEntry } from '../rss/feed.js';
import { splitCategories } from './categories.js';

export function normalizeAzure(body: string | null, feedUrl: string): ParseResult {
  const feed = readFeed(body, feedUrl, 'feed');
  if (!feed.ok) return feed;
  const warnings = new Warnings();
  const incidents: ObservedIncident[] = [];
  const seen = new Set<string>();
  for (const entry of capList(feed.value.entries, 'feed items', warnings)) {
    const incident = readItem(entry, warnings);
    if (!incident) continue;
    if (seen.has(incident.sourceId)) {
      warnings.add(`item ${incident.sourceId} appears twice; kept the first`);
      continue;
    }
    seen.add(incident.sourceId);
    incidents.push(incident);
  }
  const snapshot: VendorSnapshot = {
    platform: 'azure',
    pageName: feed.value.title,
    components: servicesOf(incidents, warnings),
    incidents,
    // The feed lists what is current, all of it: an item that disappears is over.
    listsAllOpen:
      feed.value.entries.length <= maxItemsPerList &&
      incidents.length === feed.value.entries.length,
    warnings: warnings.list(),
  };
  return { ok: true, snapshot };
}

const statusPrefix = /^\s*[[(]?\s*(?:mitigated|resolved)\b[\])]?\s*[-–:]?\s*/i;

/**
 * A guid that is already a short URL-safe token is the vendor's id; anything else is hashed,
 * a title without its "Mitigated -" prefix so the item keeps its id when it is mitigated.
 */
function itemId(entry: FeedEntry): string {
  if (entry.guid !== null && /^[A-Za-z0-9._:-]{1,100}$/.test(entry.guid)) return entry.guid;
  return hashId(entry.guid ?? entry.link ?? entry.title.replace(statusPrefix, ''));
}

function readItem(entry: FeedEntry, warnings: Warnings): ObservedIncident | null {
  const sourceId = itemId(entry);
  const postedAt = entry.updated ?? entry.published;
  if (postedAt === null) {
    warnings.add(`item ${sourceId}: no usable pubDate; skipped`);
    return null;
  }
  const text = bodyToText(entry.html);
  const kind: IncidentKind = /\bmaintenance\b/i.test(entry.title) ? 'maintenance' : 'incident';
  const mitigated = statusPrefix.test(entry.title);
  const phase: Phase =
    kind === 'maintenance'
      ? mitigated
        ? 'completed'
        : 'in_progress'
      : mitigated
        ? 'resolved'
        : 'investigating';
  const { services, regions } = splitCategories(
    capList(entry.categories, `item ${sourceId} categories`, warnings, maxNamesPerItem),
  );
  const stated = statedStart(text);
  const startedAt = stated !== null && stated <= postedAt ? stated : postedAt;
  const update = buildUpdate({
    sourceId: `${sourceId}-u${postedAt.replace(/[^0-9]/g, '')}`,
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
      startedAt,
      resolvedAt: mitigated ? postedAt : null,
      sourceUrl: entry.link,
      components: services,
      updates: update.bodyText === '' ? [] : [update],
      scheduledFor: null,
      scheduledUntil: null,
      regions,
    },
    warnings,
  );
}

/** What an item says about the services it names: the feed has no severity of its own. */
function serviceStatus(incident: ObservedIncident): ComponentStatus {
  if (closedPhases.includes(incident.phase)) return 'operational';
  return incident.kind === 'maintenance' ? 'under_maintenance' : 'degraded_performance';
}

/** Every service an item names, sorted by name, with the worst status an item gives it. */
function servicesOf(
  incidents: readonly ObservedIncident[],
  warnings: Warnings,
): ObservedComponent[] {
  const statuses = new Map<string, ComponentStatus[]>();
  for (const incident of incidents)
    for (const name of incident.components)
      statuses.set(name, [...(statuses.get(name) ?? []), serviceStatus(incident)]);
  const names = [...statuses.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return uniqueComponents(
    names.map((name, position) => ({
      id: slugify(name) || hashId(name),
      name,
      group: null,
      status: worstStatus(statuses.get(name)!),
      position,
    })),
    warnings,
  );
}

/**
 * "Starting at 13:09 UTC on 01 Jun 2026", "Starting at approximately 14:44 UTC on 22 Jan 2026",
 * "Between 09:00 UTC on 18 Jan 2024 and …", "Between 09:12 UTC and 11:30 UTC on 22 Jan 2026".
 */
function statedStart(text: string): string | null {
  const match =
    /\b(?:starting at|between|beginning at|from)\s+(?:(?:approximately|approx\.?|about|around|roughly)\s+)?(\d{1,2}):(\d{2})\s*UTC(?:\s+and\s+\d{1,2}:\d{2}\s*UTC)?\s+on\s+(\d{1,2})\s+([a-z]{3,9})\s+(\d{4})/i.exec(
      text.slice(0, 2000),
    );
  const month = match ? monthNumber(match[4]!) : null;
  if (!match || month === null) return null;
  return instantFromWallClock({
    year: Number(match[5]),
    month,
    day: Number(match[3]),
    hour: Number(match[1]),
    minute: Number(match[2]),
    second: 0,
    offset: '+00:00',
  });
}
