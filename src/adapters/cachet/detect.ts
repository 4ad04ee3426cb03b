// How a Cachet page is recognised: its HTML, the ping of Cachet 2 (`/api/v1/ping`) or 3
// (`/api/ping`), and, when hinted, Cachet 2's paginated component list.
import { asRecord } from '../parse-kit/lenient.js';
import { asIs, parseObject } from '../detect-kit/json.js';
import type { PlatformDetection, Verdict } from '../detect-kit/types.js';

/** Cachet's ping: `{"data":"Pong!"}`. */
function classifyCachetPing(body: string, path: string): Verdict | null {
  const data = parseObject(body)?.data;
  if (typeof data !== 'string' || !/^pong!?$/i.test(data.trim())) return null;
  return { confidence: 'high', evidence: `${path} answered Pong!` };
}

/** Cachet 2 `/api/v1/components`: Laravel pagination plus `status_name` on components. */
function classifyCachetComponents(body: string): Verdict | null {
  const json = parseObject(body);
  const pagination = asRecord(asRecord(json?.meta)?.pagination);
  const data = json?.data;
  if (!pagination || !Array.isArray(data)) return null;
  if (!data.every((item) => typeof asRecord(item)?.status_name === 'string')) return null;
  return {
    confidence: 'medium',
    evidence: '/api/v1/components with Cachet pagination and status names',
  };
}

export const cachetDetection: PlatformDetection = {
  htmlMarkers: [
    {
      pattern: /cachethq|powered by cachet|cachet\.io|name="generator" content="cachet/i,
      evidence: 'the page HTML names Cachet',
    },
  ],
  jsonProbes: [
    { path: '/api/v1/ping', classify: classifyCachetPing, pageUrl: asIs },
    {
      path: '/api/ping',
      classify: classifyCachetPing,
      // The cachet adapter reads Cachet 3 when the configured URL ends in /api.
      pageUrl: (base) => `${base}/api`,
    },
    {
      path: '/api/v1/components',
      classify: classifyCachetComponents,
      pageUrl: asIs,
      hintedOnly: true,
    },
  ],
};
