// One feed entry per incident: its title, its summary sentence, and every update (newest first)
// as sanitized HTML. The entry's `updated` is its latest update, so readers resurface it.
import type { IncidentWithUpdates } from '../../domain/model.js';
import { summarizeIncident } from '../../domain/summary.js';
import { safeBodyHtml } from '../pages/shared/body.js';
import { formatUtc, impactLabels, phaseLabels } from '../pages/shared/format.js';
import { xmlText } from './xml.js';

export interface FeedEntry {
  /** Permanent, independent of the host the feed is served from. */
  id: string;
  title: string;
  link: string;
  published: string;
  updated: string;
  author: string;
  category: string;
  summary: string;
  /** Safe HTML. */
  html: string;
}

export interface FeedMeta {
  id: string;
  title: string;
  /** The HTML page the feed is about. */
  link: string;
  /** The feed's own URL. */
  self: string;
  updated: string;
}

function entryId(incidentId: string): string {
  return `urn:vendorwatch:incident:${encodeURIComponent(incidentId)}`;
}

export function lastChange(incident: IncidentWithUpdates): string {
  let latest = incident.startedAt;
  for (const update of incident.updates) if (update.postedAt > latest) latest = update.postedAt;
  if (incident.resolvedAt && incident.resolvedAt > latest) latest = incident.resolvedAt;
  return latest;
}

export function toEntry(
  incident: IncidentWithUpdates,
  vendorName: string,
  origin: string,
  now: string,
): FeedEntry {
  const summary = summarizeIncident(incident, vendorName, now);
  const updates = [...incident.updates]
    .reverse()
    .map(
      (update) =>
        `<h3>${xmlText(phaseLabels[update.phase])} — ${xmlText(formatUtc(update.postedAt))}</h3>` +
        `<div>${safeBodyHtml(update.body)}</div>`,
    );
  // The summary already says how long it lasted; the state adds when it ended, or where it stands.
  const state = incident.resolvedAt
    ? `Resolved ${formatUtc(incident.resolvedAt)}.`
    : `Still open: ${phaseLabels[incident.phase].toLowerCase()}.`;
  return {
    id: entryId(incident.id),
    title: `${vendorName}: ${incident.title}`,
    link: `${origin}/incidents/${encodeURIComponent(incident.id)}`,
    published: incident.startedAt,
    updated: lastChange(incident),
    author: vendorName,
    category: impactLabels[incident.impact],
    summary,
    html: `<p>${xmlText(summary)} ${xmlText(state)}</p>${updates.join('')}`,
  };
}
