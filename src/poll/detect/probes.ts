// The JSON and feed probes, in the order providers.md §9 gives them; platforms the host name or
// the page's HTML point at are probed first, so a typical page costs two requests.
import type { Platform } from '../../domain/vocabulary.js';
import {
  classifyBetterstack,
  classifyCachetComponents,
  classifyCachetPing,
  classifyFeed,
  classifyInstatus,
  classifySummary,
  type Verdict,
} from './classify.js';
import { baseAfterRedirect } from './page-url.js';
import { accepts, type DetectSession } from './session.js';

export interface Found extends Verdict {
  statusPageUrl: string;
}

interface JsonProbe {
  path: string;
  /** Platforms this probe can recognise; a hint for any of them moves it to the front. */
  platforms: readonly Platform[];
  classify(body: string, path: string): Verdict | null;
  /** The page URL to configure, from the (possibly redirected) base. */
  pageUrl(base: string): string;
  /** Only probed when a hint names one of its platforms (it costs a request on every page). */
  hintedOnly?: boolean;
}

const asIs = (base: string): string => base;

const jsonProbes: readonly JsonProbe[] = [
  {
    path: '/api/v2/summary.json',
    platforms: ['statuspage', 'incidentio'],
    classify: classifySummary,
    pageUrl: asIs,
  },
  { path: '/summary.json', platforms: ['instatus'], classify: classifyInstatus, pageUrl: asIs },
  { path: '/index.json', platforms: ['betterstack'], classify: classifyBetterstack, pageUrl: asIs },
  { path: '/api/v1/ping', platforms: ['cachet'], classify: classifyCachetPing, pageUrl: asIs },
  {
    path: '/api/ping',
    platforms: ['cachet'],
    classify: classifyCachetPing,
    // The cachet adapter reads Cachet 3 when the configured URL ends in /api.
    pageUrl: (base) => `${base}/api`,
  },
  {
    path: '/api/v1/components',
    platforms: ['cachet'],
    classify: classifyCachetComponents,
    pageUrl: asIs,
    hintedOnly: true,
  },
];

export function orderJsonProbes(hints: readonly Platform[]): JsonProbe[] {
  const rank = (probe: JsonProbe): number => {
    const ranks = probe.platforms.map((p) => hints.indexOf(p)).filter((i) => i >= 0);
    return ranks.length > 0 ? Math.min(...ranks) : hints.length;
  };
  return jsonProbes
    .filter((probe) => !probe.hintedOnly || rank(probe) < hints.length)
    .map((probe, index) => ({ probe, index, rank: rank(probe) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ probe }) => probe);
}

export async function runJsonProbes(
  session: DetectSession,
  base: string,
  hints: readonly Platform[],
): Promise<Found | null> {
  for (const probe of orderJsonProbes(hints)) {
    if (session.exhausted) return null;
    const url = `${base}${probe.path}`;
    const fetched = await session.get(url, accepts.json);
    if (!fetched.ok) continue;
    const verdict = probe.classify(fetched.body, probe.path);
    if (verdict === null) {
      session.note(url, describeMiss(fetched.body));
      continue;
    }
    const movedBase = baseAfterRedirect(url, fetched.finalUrl, base);
    return { ...verdict, statusPageUrl: probe.pageUrl(movedBase) };
  }
  return null;
}

/** Conventional feed paths of the platforms that publish one (providers.md §8). */
const feedPaths = ['/history.atom', '/history.rss', '/feed.atom', '/feed.rss'];
const maxFeedProbes = 5;

export async function runFeedProbes(
  session: DetectSession,
  base: string,
  advertised: readonly string[],
): Promise<Found | null> {
  const candidates = [...new Set([...advertised, ...feedPaths.map((path) => `${base}${path}`)])];
  for (const url of candidates.slice(0, maxFeedProbes)) {
    if (session.exhausted) return null;
    const found = await probeFeed(session, url, advertised.includes(url));
    if (found) return found;
  }
  return null;
}

export async function probeFeed(
  session: DetectSession,
  url: string,
  advertised: boolean,
): Promise<Found | null> {
  const fetched = await session.get(url, accepts.feed);
  if (!fetched.ok) return null;
  const kind = classifyFeed(fetched.body);
  if (kind === null) {
    session.note(url, describeMiss(fetched.body));
    return null;
  }
  const how = advertised ? 'advertised by the page' : 'at a conventional path';
  return {
    platform: 'rss',
    confidence: 'medium',
    evidence: `an ${kind === 'atom' ? 'Atom' : 'RSS'} feed ${how}`,
    statusPageUrl: url,
  };
}

function describeMiss(body: string): string {
  const start = body.trimStart().slice(0, 1);
  if (start === '<') return 'answered markup, not the expected document';
  if (start === '{' || start === '[') return 'answered JSON of an unknown shape';
  return body.trim() === '' ? 'answered an empty body' : 'answered an unknown format';
}
