// incident.io status pages (docs/platforms.md#incidentio): Statuspage-compatible JSON plus the rich
// proxy JSON.
import { neverThrows } from '../parse-kit/guard.js';
import { pageBaseBefore } from '../parse-kit/incident-parts.js';
import { definePlatform } from '../types.js';
import { incidentioDetection } from './detect.js';
import { incidentioSimFormat } from './sim-render.js';
import { normalizeIncidentio } from './normalize.js';

/** The page URL without a pasted `/api/v2/...` suffix, trailing slashes, query or fragment. */
function incidentioBase(statusPageUrl: string): string {
  return pageBaseBefore(statusPageUrl, '/api/v2');
}

/** `/proxy/<host>[/<sub-page>]`: the page's own front end reads its data from there. */
export function proxyUrl(statusPageUrl: string): string {
  const base = incidentioBase(statusPageUrl);
  try {
    const url = new URL(base);
    return `${url.origin}/proxy/${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return `${base}/proxy`;
  }
}

export const incidentioAdapter = definePlatform({
  platform: 'incidentio',
  detection: incidentioDetection,
  endpoints(statusPageUrl) {
    const base = incidentioBase(statusPageUrl);
    return [
      { key: 'summary', url: `${base}/api/v2/summary.json`, required: true },
      // The last 50 incidents: resolutions show up only here.
      { key: 'incidents', url: `${base}/api/v2/incidents.json`, required: false },
      // Undocumented, so optional: groups and affected components when it answers.
      { key: 'proxy', url: proxyUrl(statusPageUrl), required: false },
    ];
  },
  parse: neverThrows((bodies, context) =>
    normalizeIncidentio(
      {
        summary: bodies.summary ?? null,
        incidents: bodies.incidents ?? null,
        proxy: bodies.proxy ?? null,
      },
      context,
    ),
  ),
  simulator: incidentioSimFormat,
});
