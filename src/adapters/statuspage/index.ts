// Atlassian Statuspage public Status API v2 (docs/platforms.md#statuspage): three JSON endpoints,
// one snapshot.
import { neverThrows } from '../parse-kit/guard.js';
import { definePlatform } from '../types.js';
import { statuspageDetection } from './detect.js';
import { statuspageSimFormat } from './sim-render.js';
import { statuspageBase } from './base-url.js';
import { endpointKeys, normalizeStatuspage } from './normalize.js';

export const statuspageAdapter = definePlatform({
  platform: 'statuspage',
  detection: statuspageDetection,
  endpoints(statusPageUrl) {
    const base = statuspageBase(statusPageUrl);
    return [
      // Open incidents, open and upcoming maintenances, and the components.
      { key: endpointKeys.summary, url: `${base}/api/v2/summary.json`, required: true },
      // The last 50 incidents: resolutions and postmortems appear only here.
      { key: endpointKeys.incidents, url: `${base}/api/v2/incidents.json`, required: true },
      {
        key: endpointKeys.maintenances,
        url: `${base}/api/v2/scheduled-maintenances.json`,
        required: false,
      },
    ];
  },
  parse: neverThrows(normalizeStatuspage),
  simulator: statuspageSimFormat,
});
