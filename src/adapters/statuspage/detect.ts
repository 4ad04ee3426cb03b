// How a Statuspage page is recognised: its hosting domain, its HTML, and summary.json whose page
// id has Statuspage's 12-character form (other ids with Statuspage's shape are imitators).
import { asRecord } from '../parse-kit/lenient.js';
import { asIs, parseObject, shortId } from '../detect-kit/json.js';
import type { PlatformDetection, Verdict } from '../detect-kit/types.js';

const statuspagePageId = /^[a-z0-9]{12}$/;
// incident.io's page ids: its own probe on the same path claims those.
const ulid = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

/** `/api/v2/summary.json` of Statuspage itself (12-char page id) or of an imitator. */
function classifyStatuspageSummary(body: string): Verdict | null {
  const json = parseObject(body);
  const page = asRecord(json?.page);
  const id = page?.id;
  if (!json || !page || typeof id !== 'string') return null;
  if (statuspagePageId.test(id)) {
    return {
      confidence: 'high',
      evidence: `/api/v2/summary.json with a Statuspage page id (${id})`,
    };
  }
  if (ulid.test(id)) return null;
  const status = asRecord(json.status);
  if (typeof status?.indicator === 'string' && Array.isArray(json.components)) {
    return {
      confidence: 'medium',
      evidence: `a Statuspage-compatible /api/v2/summary.json (page id ${shortId(id)})`,
    };
  }
  return null;
}

export const statuspageDetection: PlatformDetection = {
  hostingDomains: ['.statuspage.io'],
  htmlMarkers: [
    {
      pattern:
        /powered by atlassian statuspage|statuspage\.io|stspg\.io|dka575ofm4ao0\.cloudfront/i,
      evidence: 'the page HTML names Atlassian Statuspage',
    },
  ],
  jsonProbes: [
    { path: '/api/v2/summary.json', classify: classifyStatuspageSummary, pageUrl: asIs },
  ],
};
