// The JSON and feed probes of the registered platforms. Platforms the host name or the page's
// HTML point at are probed first, so a typical page costs two requests; probes of several
// platforms on one path share one request.
import type { Confidence, JsonProbe } from '../../adapters/detect-kit/types.js';
import type { Platform } from '../../domain/vocabulary.js';
import { baseAfterRedirect } from './page-url.js';
import { platformRules } from './platform-rules.js';
import { accepts, type DetectSession } from './session.js';

export interface Found {
  platform: Platform;
  confidence: Confidence;
  evidence: string;
  statusPageUrl: string;
}

interface OwnedProbe {
  platform: Platform;
  probe: JsonProbe;
}

/** One request: every registered probe on this path, in registry order. */
interface ProbeGroup {
  path: string;
  platforms: Platform[];
  probes: OwnedProbe[];
}

function probeGroups(): ProbeGroup[] {
  const groups = new Map<string, ProbeGroup>();
  for (const { platform, jsonProbes = [] } of platformRules) {
    for (const probe of jsonProbes) {
      const group = groups.get(probe.path) ?? { path: probe.path, platforms: [], probes: [] };
      if (!group.platforms.includes(platform)) group.platforms.push(platform);
      group.probes.push({ platform, probe });
      groups.set(probe.path, group);
    }
  }
  return [...groups.values()];
}

const allGroups = probeGroups();

/** Hinted groups first (in hint order), then the rest; a hinted-only probe only when hinted. */
export function orderJsonProbes(hints: readonly Platform[]): ProbeGroup[] {
  const rank = (platforms: readonly Platform[]): number => {
    const ranks = platforms.map((p) => hints.indexOf(p)).filter((i) => i >= 0);
    return ranks.length > 0 ? Math.min(...ranks) : hints.length;
  };
  return allGroups
    .map((group) => ({
      ...group,
      probes: group.probes.filter(
        ({ platform, probe }) => !probe.hintedOnly || hints.includes(platform),
      ),
    }))
    .filter((group) => group.probes.length > 0)
    .map((group, index) => ({ group, index, rank: rank(group.platforms) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ group }) => group);
}

/** Every registered probe on `path` asked about one body; the first verdict wins. */
export function classifyProbe(
  path: string,
  body: string,
  probes: readonly OwnedProbe[] = allGroups.find((g) => g.path === path)?.probes ?? [],
): (Omit<Found, 'statusPageUrl'> & { probe: JsonProbe }) | null {
  for (const { platform, probe } of probes) {
    const verdict = probe.classify(body, path);
    if (verdict) return { ...verdict, platform, probe };
  }
  return null;
}

export async function runJsonProbes(
  session: DetectSession,
  base: string,
  hints: readonly Platform[],
): Promise<Found | null> {
  for (const group of orderJsonProbes(hints)) {
    if (session.exhausted) return null;
    const url = `${base}${group.path}`;
    const fetched = await session.get(url, accepts.json);
    if (!fetched.ok) continue;
    const verdict = classifyProbe(group.path, fetched.body, group.probes);
    if (verdict === null) {
      session.note(url, describeMiss(fetched.body));
      continue;
    }
    const { probe, ...found } = verdict;
    const movedBase = baseAfterRedirect(url, fetched.finalUrl, base);
    return { ...found, statusPageUrl: probe.pageUrl(movedBase) };
  }
  return null;
}

const feedRules = platformRules.flatMap(({ platform, feed }) => (feed ? [{ platform, feed }] : []));
/** Conventional feed paths of the platforms that publish one. */
const feedPaths = [...new Set(feedRules.flatMap(({ feed }) => feed.paths))];
const maxFeedProbes = 5;

/** The platform and kind of a feed body, by the registered feed rules; null when none fits. */
export function feedOf(body: string): { platform: Platform; kind: string } | null {
  for (const { platform, feed } of feedRules) {
    const kind = feed.kindOf(body);
    if (kind !== null) return { platform, kind };
  }
  return null;
}

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
  const feed = feedOf(fetched.body);
  if (feed === null) {
    session.note(url, describeMiss(fetched.body));
    return null;
  }
  const how = advertised ? 'advertised by the page' : 'at a conventional path';
  return {
    platform: feed.platform,
    confidence: 'medium',
    evidence: `an ${feed.kind} feed ${how}`,
    statusPageUrl: url,
  };
}

function describeMiss(body: string): string {
  const start = body.trimStart().slice(0, 1);
  if (start === '<') return 'answered markup, not the expected document';
  if (start === '{' || start === '[') return 'answered JSON of an unknown shape';
  return body.trim() === '' ? 'answered an empty body' : 'answered an unknown format';
}
