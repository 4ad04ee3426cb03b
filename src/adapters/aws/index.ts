// AWS Health Dashboard (docs/platforms.md#aws). A page URL polls `<origin>/public/currentevents`;
// a URL naming a JSON file (the legacy data.json, or a simulator) is polled as given.
import { neverThrows } from '../parse-kit/guard.js';
import { definePlatform } from '../types.js';
import { awsDetection } from './detect.js';
import { normalizeAws } from './normalize.js';

export function awsEventsUrl(statusPageUrl: string): string {
  try {
    const url = new URL(statusPageUrl.trim());
    const path = url.pathname.toLowerCase();
    if (path.endsWith('.json') || path.endsWith('/public/currentevents')) return url.toString();
    return `${url.origin}/public/currentevents`;
  } catch {
    return statusPageUrl;
  }
}

export const awsAdapter = definePlatform({
  platform: 'aws',
  detection: awsDetection,
  endpoints(statusPageUrl) {
    return [{ key: 'events', url: awsEventsUrl(statusPageUrl), required: true }];
  },
  parse: neverThrows((bodies) => normalizeAws(bodies.events ?? null)),
});
