// What a status page's own HTML says about its platform, by the registered platforms' markers.
// Pure: markers only order the JSON probes, except a page id that lives only in the HTML.
import type { Confidence, HtmlMarker as MarkerRule } from '../../adapters/detect-kit/types.js';
import type { Platform } from '../../domain/vocabulary.js';
import { platformRules } from './platform-rules.js';

interface HtmlMarker {
  platform: Platform;
  evidence: string;
}

export interface HtmlPage {
  platform: Platform;
  pageId: string;
  confidence: Confidence;
  evidence: string;
  /** The page URL to configure, from the origin the page was finally served on. */
  pageUrl(origin: string): string;
}

export interface HtmlFindings {
  markers: HtmlMarker[];
  /** A page id found in the HTML, for a platform whose id lives only there. */
  page: HtmlPage | null;
  /** Feed URLs the page advertises with <link rel="alternate">, absolute. */
  feeds: string[];
}

// Only the head and the start of the body matter; a huge page is not scanned whole.
const scanLimit = 512 * 1024;

export function readHtmlFindings(html: string, pageUrl: string): HtmlFindings {
  const text = html.slice(0, scanLimit);
  const markers: HtmlMarker[] = [];
  for (const fallback of [false, true]) {
    for (const { platform, htmlMarkers = [] } of platformRules) {
      for (const rule of htmlMarkers) {
        if ((rule.fallback ?? false) !== fallback) continue;
        if (fallback && markers.some((m) => m.platform === platform)) continue;
        if (matches(rule, text)) markers.push({ platform, evidence: rule.evidence });
      }
    }
  }
  return { markers, page: pageInHtml(text), feeds: feedLinks(text, pageUrl) };
}

function matches(rule: MarkerRule, text: string): boolean {
  return typeof rule.pattern === 'function' ? rule.pattern(text) : rule.pattern.test(text);
}

function pageInHtml(text: string): HtmlPage | null {
  for (const { platform, htmlPageId: rule } of platformRules) {
    const found = rule?.find(text);
    if (rule && found) {
      return { platform, ...found, pageUrl: (origin) => rule.pageUrl(origin, found.pageId) };
    }
  }
  return null;
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
