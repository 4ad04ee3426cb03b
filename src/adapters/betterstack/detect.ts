// How a Better Stack page is recognised: its hosting domains, its HTML, and `/index.json`, a
// JSON:API document whose data is the status page.
import { asRecord } from '../parse-kit/lenient.js';
import { asIs, parseObject } from '../detect-kit/json.js';
import type { PlatformDetection, Verdict } from '../detect-kit/types.js';

function classifyBetterstack(body: string): Verdict | null {
  if (asRecord(parseObject(body)?.data)?.type !== 'status_page') return null;
  return { confidence: 'high', evidence: '/index.json with a JSON:API status_page document' };
}

export const betterstackDetection: PlatformDetection = {
  hostingDomains: ['.betteruptime.com', '.betterstack.com'],
  htmlMarkers: [
    {
      pattern: /betteruptime|betterstack|better stack/i,
      evidence: 'the page HTML names Better Stack',
    },
  ],
  jsonProbes: [{ path: '/index.json', classify: classifyBetterstack, pageUrl: asIs }],
};
