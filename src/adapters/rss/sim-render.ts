// Statuspage's /history.atom (docs/platforms.md#rss; fixture history.github.2025-07-07.atom): an
// entry per incident or maintenance, newest first; its HTML holds the whole timeline, newest first,
// as `<p><small>Jul 3, 07:12 UTC</small><br><strong>Resolved</strong> - …</p>`.
import type { SimFormat } from '../sim-kit/format.js';
import { isoSeconds, monthNames } from '../sim-kit/platform-ids.js';
import type {
  SimIncident,
  SimStatus,
  SimVendorIdentity,
  SimVendorState,
} from '../sim-kit/types.js';

const rssPaths = { '/history.atom': 'history' } as const;

const statusLabels: Record<SimStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

/** Statuspage's feed lists the 25 most recent incidents and maintenances. */
const feedLimit = 25;

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** Times are written in UTC (the page zone's abbreviation is what real pages print). */
function stamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `${monthNames[d.getUTCMonth()]} <var data-var='date'>${String(d.getUTCDate()).padStart(2, ' ')}</var>, ` +
    `<var data-var='time'>${two(d.getUTCHours())}:${two(d.getUTCMinutes())}</var> UTC`
  );
}

/** The timeline HTML, newest first; "Update" when an update kept the previous status. */
function timelineHtml(item: SimIncident): string {
  const paragraphs = item.updates.map((update, index) => {
    const previous = index === 0 ? undefined : item.updates[index - 1];
    const label = previous?.status === update.status ? 'Update' : statusLabels[update.status];
    return (
      `<p><small>${stamp(update.displayAt)}</small><br><strong>${label}</strong> - ` +
      `${escapeXml(update.body)}</p>`
    );
  });
  return paragraphs.reverse().join('');
}

function renderRss(identity: SimVendorIdentity, state: SimVendorState, pageUrl: string): string {
  const base = (identity.url ?? pageUrl).replace(/\/+$/, '');
  const host = hostOf(base);
  const items = [...state.incidents, ...state.maintenances]
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, feedLimit);
  const entries = items.map((item) => {
    const kind = item.kind === 'maintenance' ? 'Maintenance' : 'Incident';
    return `  <entry>
    <id>tag:${escapeXml(host)},2005:${kind}/${escapeXml(item.id)}</id>
    <published>${isoSeconds(item.createdAt)}</published>
    <updated>${isoSeconds(item.updatedAt)}</updated>
    <link rel="alternate" type="text/html" href="${escapeXml(`${base}/incidents/${encodeURIComponent(item.id)}`)}"/>
    <title>${escapeXml(item.name)}</title>
    <content type="html">${escapeXml(timelineHtml(item))}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">
  <id>tag:${escapeXml(host)},2005:/history</id>
  <link rel="alternate" type="text/html" href="${escapeXml(base)}"/>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${base}/history.atom`)}"/>
  <title>${escapeXml(identity.name)} Status - Incident History</title>
  <updated>${isoSeconds(state.updatedAt)}</updated>
  <author>
    <name>${escapeXml(identity.name)}</name>
  </author>
${entries.join('\n')}
</feed>
`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'simulator';
  }
}

/** Statuspage's history.atom, as the simulator serves it. */
export const rssSimFormat: SimFormat = {
  paths: rssPaths,
  contentType: 'application/atom+xml; charset=utf-8',
  render: (_endpoint, identity, state, pageUrl) => renderRss(identity, state, pageUrl),
};
