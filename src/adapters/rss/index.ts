// Generic RSS 2.0 / Atom incident feeds (docs/platforms.md#rss), Statuspage's history.atom
// included.
import type { ObservedIncident } from '../../domain/snapshot.js';
import { neverThrows } from '../parse-kit/guard.js';
import { pageBase } from '../parse-kit/incident-parts.js';
import { capList, Warnings } from '../parse-kit/warnings.js';
import { definePlatform } from '../types.js';
import { rssDetection } from './detect.js';
import { rssSimFormat } from './sim-render.js';
import { readFeed } from './feed.js';
import { entryToIncident } from './normalize.js';

/** A URL that already names a feed is polled as is; a page URL gets Statuspage's history.atom. */
export function feedUrl(statusPageUrl: string): string {
  const url = statusPageUrl.trim();
  const path = (url.split(/[?#]/)[0] ?? '').toLowerCase();
  if (/\.(atom|rss|xml)$/.test(path) || /\/(feed|rss|atom)(\/|$)/.test(path)) return url;
  return `${pageBase(url)}/history.atom`;
}

export const rssAdapter = definePlatform({
  platform: 'rss',
  detection: rssDetection,
  endpoints(statusPageUrl) {
    return [{ key: 'feed', url: feedUrl(statusPageUrl), required: true }];
  },
  parse: neverThrows((bodies, context) => {
    const feed = readFeed(bodies.feed ?? null, context.statusPageUrl, 'feed');
    if (!feed.ok) return feed;
    const warnings = new Warnings();
    const incidents: ObservedIncident[] = [];
    const seen = new Set<string>();
    for (const entry of capList(feed.value.entries, 'feed entries', warnings)) {
      const incident = entryToIncident(entry, warnings);
      if (!incident) continue;
      if (seen.has(incident.sourceId)) {
        warnings.add(`entry ${incident.sourceId}: appears twice; kept the first`);
        continue;
      }
      seen.add(incident.sourceId);
      incidents.push(incident);
    }
    return {
      ok: true,
      snapshot: {
        platform: 'rss',
        pageName: feed.value.title,
        components: [],
        incidents,
        // A feed shows recent history only, so a missing open incident is not a withdrawn one.
        listsAllOpen: false,
        warnings: warnings.list(),
      },
    };
  }),
  simulator: rssSimFormat,
});
