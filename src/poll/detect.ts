// Which platform a status page runs on, from as few requests as possible: known hosts by name,
// then one GET of the page's HTML, then JSON probes (hinted ones first), then feeds. Every rule
// comes from the registered platforms; this file only fixes the order of the steps.
import { getAdapter } from '../adapters/registry.js';
import type { Confidence } from '../adapters/detect-kit/types.js';
import type { Platform } from '../domain/vocabulary.js';
import type { Fetcher } from '../fetch/types.js';
import { readHtmlFindings, type HtmlFindings, type HtmlPage } from './detect/html-markers.js';
import { hostedPlatformHint, matchKnownHost, type KnownHost } from './detect/known-hosts.js';
import { looksLikeFeedUrl, parsePageUrl } from './detect/page-url.js';
import { feedOf, probeFeed, runFeedProbes, runJsonProbes, type Found } from './detect/probes.js';
import { accepts, DetectSession } from './detect/session.js';

export type { Confidence };

type Detection =
  | {
      ok: true;
      platform: Platform;
      confidence: Confidence;
      evidence: string;
      /** The URL to configure the vendor with (a feed's own URL for rss, a page id for status.io). */
      statusPageUrl: string;
      tried: string[];
    }
  | { ok: false; error: string; tried: string[] };

interface DetectOptions {
  signal?: AbortSignal;
}

export async function detectPlatform(
  fetcher: Fetcher,
  statusPageUrl: string,
  options: DetectOptions = {},
): Promise<Detection> {
  const parsed = parsePageUrl(statusPageUrl);
  if (!parsed.ok) return { ok: false, error: parsed.error, tried: [] };
  const session = new DetectSession(fetcher, options.signal);
  const known = matchKnownHost(parsed.url);
  if (known) return confirmKnownHost(session, known);

  if (looksLikeFeedUrl(parsed.url)) {
    const feed = await probeFeed(session, parsed.url.href, true);
    if (feed)
      return success(session, { ...feed, confidence: 'high', evidence: 'the URL is a feed' });
    if (session.blocked) return refused(session);
  }

  let base = parsed.base;
  let findings: HtmlFindings = { markers: [], page: null, feeds: [] };
  const page = await session.get(base, accepts.html);
  if (session.blocked) return refused(session);
  if (page.ok) {
    base = sameBaseOn(page.finalUrl, base);
    const feed = feedOf(page.body);
    if (feed !== null) {
      return success(session, {
        platform: feed.platform,
        confidence: 'high',
        evidence: 'the URL is a feed',
        statusPageUrl: parsed.url.href,
      });
    }
    findings = readHtmlFindings(page.body, page.finalUrl);
    if (findings.page?.confidence === 'high') return pageFromHtml(session, base, findings.page);
  } else if (session.exhausted || page.failure?.kind === 'network') {
    return unreachable(session, base);
  }

  const hostHint = hostedPlatformHint(parsed.url);
  const hints = [...(hostHint ? [hostHint] : []), ...findings.markers.map((m) => m.platform)];
  const found = await runJsonProbes(session, base, hints);
  if (found) return success(session, withMarker(found, findings));
  if (session.blocked) return refused(session);
  if (findings.page) return pageFromHtml(session, base, findings.page);

  const feed = await runFeedProbes(session, base, findings.feeds);
  if (feed) return success(session, feed);
  if (session.blocked) return refused(session);
  const looked = findings.markers.map((m) => m.evidence);
  const lookedLike = looked.length > 0 ? ` (${looked.join('; ')}, but its API did not answer)` : '';
  return {
    ok: false,
    error: `no known status page platform found at ${base}${lookedLike}: ${session.describeFailures()}`,
    tried: session.tried,
  };
}

/** One request confirms a fixed host through its own adapter; the name alone is still medium. */
async function confirmKnownHost(session: DetectSession, known: KnownHost): Promise<Detection> {
  const adapter = getAdapter(known.platform);
  const endpoint = adapter?.endpoints(known.statusPageUrl).find((e) => e.required);
  if (!adapter || !endpoint) return success(session, { ...known, confidence: 'medium' });
  const accept = accepts[known.confirmAs];
  const fetched = await session.get(endpoint.url, accept);
  if (session.blocked) return refused(session);
  if (!fetched.ok) {
    const why = session.notes.at(-1) ?? 'no answer';
    return success(session, {
      ...known,
      confidence: 'medium',
      evidence: `${known.evidence}; ${why}`,
    });
  }
  const parsed = adapter.parse({ [endpoint.key]: fetched.body }, known);
  if (!parsed.ok) {
    const evidence = `${known.evidence}; its ${endpoint.key} did not parse (${parsed.error})`;
    return success(session, { ...known, confidence: 'medium', evidence });
  }
  const evidence = `${known.evidence}; ${new URL(endpoint.url).pathname} parsed as ${known.platform}`;
  return success(session, { ...known, confidence: 'high', evidence });
}

/** A page id the HTML alone gives (the only place some platforms publish it). */
function pageFromHtml(session: DetectSession, base: string, page: HtmlPage): Detection {
  const { platform, pageId, confidence, evidence } = page;
  return success(session, {
    platform,
    confidence,
    evidence: `the page HTML has a ${evidence} (page id ${pageId})`,
    statusPageUrl: page.pageUrl(new URL(base).origin),
  });
}

/** A probe's verdict, strengthened when the page's HTML named the same platform. */
function withMarker(found: Found, findings: HtmlFindings): Found {
  const marker = findings.markers.find((m) => m.platform === found.platform);
  if (!marker) return found;
  return { ...found, confidence: 'high', evidence: `${found.evidence}; ${marker.evidence}` };
}

/** After a redirect to another host (e.g. a renamed page), keep probing there with the same path. */
function sameBaseOn(finalUrl: string, base: string): string {
  try {
    const moved = new URL(finalUrl);
    const before = new URL(base);
    if (moved.origin === before.origin) return base;
    return `${moved.origin}${before.pathname.replace(/\/+$/, '')}`;
  } catch {
    return base;
  }
}

function success(
  session: DetectSession,
  found: Omit<Found, 'confidence'> & { confidence: Confidence },
): Detection {
  const { platform, confidence, evidence, statusPageUrl } = found;
  return { ok: true, platform, confidence, evidence, statusPageUrl, tried: session.tried };
}

function refused(session: DetectSession): Detection {
  const message = session.blocked?.message ?? 'refused';
  return { ok: false, error: `refused by the address guard: ${message}`, tried: session.tried };
}

function unreachable(session: DetectSession, base: string): Detection {
  const error = `${base} could not be reached: ${session.describeFailures()}`;
  return { ok: false, error, tried: session.tried };
}
