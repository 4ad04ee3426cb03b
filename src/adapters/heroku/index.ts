// Heroku (docs/platforms.md#heroku). The configured page (https://status.heroku.com) is the API
// base, so a local simulator can stand in for it.
import { neverThrows } from '../parse-kit/guard.js';
import { pageBaseBefore } from '../parse-kit/incident-parts.js';
import { definePlatform } from '../types.js';
import { herokuDetection } from './detect.js';
import { normalizeHeroku } from './normalize.js';

/** Recent incidents fetched beside the current status, so resolutions are seen. */
const recentIncidents = 20;

function herokuBase(statusPageUrl: string): string {
  return pageBaseBefore(statusPageUrl, '/api/');
}

export const herokuAdapter = definePlatform({
  platform: 'heroku',
  detection: herokuDetection,
  endpoints(statusPageUrl) {
    const base = herokuBase(statusPageUrl);
    return [
      { key: 'current', url: `${base}/api/v4/current-status`, required: true },
      {
        key: 'incidents',
        url: `${base}/api/v4/incidents?limit=${recentIncidents}`,
        required: false,
      },
    ];
  },
  parse: neverThrows((bodies) =>
    normalizeHeroku({ current: bodies.current ?? null, incidents: bodies.incidents ?? null }),
  ),
});
