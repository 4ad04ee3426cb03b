// How an incident.io page is recognised: its hosting domain, its HTML (or an unbranded Next.js
// front end reading /proxy/ data), and the Statuspage-compatible summary.json with a ULID page id.
import { asRecord } from '../parse-kit/lenient.js';
import { asIs, parseObject } from '../detect-kit/json.js';
import type { PlatformDetection, Verdict } from '../detect-kit/types.js';

const ulid = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

/** `/api/v2/summary.json` whose page id is a ULID. */
function classifyIncidentioSummary(body: string): Verdict | null {
  const id = asRecord(asRecord(parseObject(body)?.page))?.id;
  if (typeof id !== 'string' || !ulid.test(id)) return null;
  return {
    confidence: 'high',
    evidence: `/api/v2/summary.json with an incident.io page id (${id})`,
  };
}

export const incidentioDetection: PlatformDetection = {
  hostingDomains: ['.incident.io'],
  htmlMarkers: [
    { pattern: /incident\.io|incidentio/i, evidence: 'the page HTML names incident.io' },
    {
      // Next.js pages that read /proxy/ JSON are incident.io's front end even when unbranded.
      pattern: (html) => /__next_f/.test(html) && /\/proxy\//.test(html),
      evidence: 'a Next.js page reading /proxy/ data',
      fallback: true,
    },
  ],
  jsonProbes: [
    { path: '/api/v2/summary.json', classify: classifyIncidentioSummary, pageUrl: asIs },
  ],
};
