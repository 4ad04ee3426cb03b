// Azure status (docs/platforms.md#azure): an RSS feed of current issues. A page URL polls the feed
// at `<origin>/en-us/status/feed/`; a URL that already names a feed is polled as given.
import { neverThrows } from '../parse-kit/guard.js';
import { definePlatform } from '../types.js';
import { azureDetection } from './detect.js';
import { normalizeAzure } from './normalize.js';

export function azureFeedUrl(statusPageUrl: string): string {
  try {
    const url = new URL(statusPageUrl.trim());
    if (/\/(feed|rss)(\/|$)|\.(rss|xml)$/i.test(url.pathname)) return url.toString();
    return `${url.origin}/en-us/status/feed/`;
  } catch {
    return statusPageUrl;
  }
}

export const azureAdapter = definePlatform({
  platform: 'azure',
  detection: azureDetection,
  endpoints(statusPageUrl) {
    return [{ key: 'feed', url: azureFeedUrl(statusPageUrl), required: true }];
  },
  parse: neverThrows((bodies, context) =>
    normalizeAzure(bodies.feed ?? null, azureFeedUrl(context.statusPageUrl)),
  ),
});
