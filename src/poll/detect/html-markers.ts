// What a status page's own HTML says about its platform (providers.md §9 step 7). Pure: the
// markers only order the JSON probes, except status.io, whose page id lives only in the HTML.
import type { Platform } from '../../domain/vocabulary.js';

export interface HtmlMarker {
  platform: Platform;
  evidence: string;
}

export interface HtmlFindings {
  markers: HtmlMarker[];
  /** status.io page id (24-hex ObjectId) when the page is a status.io page. */
  statusio: { pageId: string; evidence: string; confidence: 'high' | 'medium' } | null;
  /** Feed URLs the page advertises with <link rel="alternate">, absolute. */
  feeds: string[];
}

// Only the head and the start of the body matter; a huge page is not scanned whole.
const scanLimit = 512 * 1024;

const markerRules: readonly { platform: Platform; pattern: RegExp; evidence: string }[] = [
  {
    platform: 'statuspage',
    pattern: /powered by atlassian statuspage|statuspage\.io|stspg\.io|dka575ofm4ao0\.cloudfront/i,
    evidence: 'the page HTML names Atlassian Statuspage',
  },
  {
    platform: 'incidentio',
    pattern: /incident\.io|incidentio/i,
    evidence: 'the page HTML names incident.io',
  },
  {
    platform: 'instatus',
    pattern: /instatus\.com|instatus/i,
    evidence: 'the page HTML names Instatus',
  },
  {
    platform: 'betterstack',
    pattern: /betteruptime|betterstack|better stack/i,
    evidence: 'the page HTML names Better Stack',
  },
  {
    platform: 'cachet',
    pattern: /cachethq|powered by cachet|cachet\.io|name="generator" content="cachet/i,
    evidence: 'the page HTML names Cachet',
  },
];

export function readHtmlFindings(html: string, pageUrl: string): HtmlFindings {
  const text = html.slice(0, scanLimit);
  const markers = markerRules
    .filter((rule) => rule.pattern.test(text))
    .map(({ platform, evidence }) => ({ platform, evidence }));
  // Next.js pages that read /proxy/ JSON are incident.io's front end even when unbranded.
  if (!markers.some((m) => m.platform === 'incidentio') && /__next_f/.test(text)) {
    if (/\/proxy\//.test(text)) {
      markers.push({ platform: 'incidentio', evidence: 'a Next.js page reading /proxy/ data' });
    }
  }
  return { markers, statusio: statusioId(text), feeds: feedLinks(text, pageUrl) };
}

function statusioId(text: string): HtmlFindings['statusio'] {
  if (!/(?:^|[^a-z0-9-])status\.io\b/i.test(text)) return null;
  const apiPath = /status\.io\/1\.0\/status\/([0-9a-f]{24})\b/i.exec(text)?.[1];
  if (apiPath) {
    return { pageId: apiPath.toLowerCase(), confidence: 'high', evidence: 'status.io API link' };
  }
  const pagePath = /\/pages\/(?:history|incident|maintenance|subscribe)\/([0-9a-f]{24})\b/i.exec(
    text,
  )?.[1];
  if (pagePath) {
    return { pageId: pagePath.toLowerCase(), confidence: 'high', evidence: 'status.io page link' };
  }
  const anyId = /["'/#=]([0-9a-f]{24})["'/&?#]/i.exec(text)?.[1];
  return anyId
    ? { pageId: anyId.toLowerCase(), confidence: 'medium', evidence: 'status.io name and an id' }
    : null;
}

const linkTag = /<link\b[^>]*>/gi;
const feedType = /\btype\s*=\s*["']application\/(rss|atom)\+xml["']/i;
const alternate = /\brel\s*=\s*["'][^"']*\balternate\b[^"']*["']/i;
const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/i;

function feedLinks(text: string, pageUrl: string): string[] {
  const found: string[] = [];
  for (const [tag] of text.matchAll(linkTag)) {
    if (!feedType.test(tag) || !alternate.test(tag)) continue;
    const match = href.exec(tag);
    const raw = decodeEntities(match?.[1] ?? match?.[2] ?? '');
    const absolute = resolveWebUrl(raw, pageUrl);
    if (absolute !== null && !found.includes(absolute)) found.push(absolute);
    if (found.length >= 4) break;
  }
  return found;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/gi, '/')
    .trim();
}

function resolveWebUrl(raw: string, base: string): string | null {
  if (raw === '') return null;
  try {
    const url = new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
