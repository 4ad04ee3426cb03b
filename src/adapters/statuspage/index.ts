// Atlassian Statuspage public Status API v2 (providers.md §1).
// TEMPORARY: parse is being implemented in this folder; until then it reports that honestly.
import type { PlatformAdapter } from '../types.js';

export const statuspageAdapter: PlatformAdapter = {
  platform: 'statuspage',
  endpoints(statusPageUrl) {
    const base = statusPageUrl.replace(/\/+$/, '').replace(/\/api\/v2(\/.*)?$/, '');
    return [
      { key: 'summary', url: `${base}/api/v2/summary.json`, required: true },
      { key: 'incidents', url: `${base}/api/v2/incidents.json`, required: true },
      { key: 'maintenances', url: `${base}/api/v2/scheduled-maintenances.json`, required: false },
    ];
  },
  parse() {
    return { ok: false, error: 'statuspage normalizer not implemented yet' };
  },
};
