// How a Sorry™ page is recognised: its hosting domain or its HTML point at it, then
// `/api/v1/status` answers with a page state and the links to its components and notices.
import { asIs, parseObject } from '../detect-kit/json.js';
import type { PlatformDetection, Verdict } from '../detect-kit/types.js';
import { asRecord } from '../parse-kit/lenient.js';

const pageStates = new Set(['operational', 'degraded', 'under_maintenance']);

export function classifySorryStatus(body: string): Verdict | null {
  const page = asRecord(parseObject(body)?.page);
  const state = page?.state;
  if (typeof state !== 'string' || !pageStates.has(state) || !asRecord(page?.links)) return null;
  return {
    confidence: 'high',
    evidence: `/api/v1/status with a Sorry page state (${state}) and its links`,
  };
}

export const sorryDetection: PlatformDetection = {
  hostingDomains: ['.sorryapp.com'],
  htmlMarkers: [{ pattern: /sorryapp/i, evidence: 'the page HTML names Sorry' }],
  // Hinted only: an unhinted probe would cost every other page one more request.
  jsonProbes: [
    { path: '/api/v1/status', classify: classifySorryStatus, pageUrl: asIs, hintedOnly: true },
  ],
};
