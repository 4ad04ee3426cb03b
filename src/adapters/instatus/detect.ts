// How an Instatus page is recognised: its hosting domain, its HTML, and `/summary.json` whose
// `page.status` is one of Instatus's three states.
import { asRecord } from '../parse-kit/lenient.js';
import { asIs, parseObject } from '../detect-kit/json.js';
import type { PlatformDetection, Verdict } from '../detect-kit/types.js';

const instatusStates = new Set(['UP', 'HASISSUES', 'UNDERMAINTENANCE']);

function classifyInstatus(body: string): Verdict | null {
  const status = asRecord(parseObject(body)?.page)?.status;
  if (typeof status !== 'string' || !instatusStates.has(status)) return null;
  return {
    confidence: 'high',
    evidence: `/summary.json with an Instatus page status (${status})`,
  };
}

export const instatusDetection: PlatformDetection = {
  hostingDomains: ['.instatus.com'],
  htmlMarkers: [{ pattern: /instatus\.com|instatus/i, evidence: 'the page HTML names Instatus' }],
  jsonProbes: [{ path: '/summary.json', classify: classifyInstatus, pageUrl: asIs }],
};
