// Where a Statuspage page lives: the API base for fetching and the origin for incident links.
import { asRecord, asText } from '../parse-kit/lenient.js';

/** The page URL without trailing slashes or a pasted `/api/v2/...` suffix. */
export function statuspageBase(statusPageUrl: string): string {
  return statusPageUrl
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/api\/v2(?:\/.*)?$/i, '')
    .replace(/\/+$/, '');
}

/**
 * The base for `/incidents/<id>` links: the origin of the page's own `page.url` when it is
 * http(s), else the configured page URL's base; null when neither is a web URL.
 */
export function incidentLinkBase(page: unknown, statusPageUrl: string): string | null {
  const pageUrl = asText(asRecord(page)?.url);
  const fromPage = pageUrl === null ? null : webUrl(pageUrl);
  if (fromPage) return fromPage.origin;
  const configured = webUrl(statuspageBase(statusPageUrl));
  if (!configured) return null;
  return `${configured.origin}${configured.pathname.replace(/\/+$/, '')}`;
}

export function incidentUrl(linkBase: string | null, sourceId: string): string | null {
  return linkBase === null ? null : `${linkBase}/incidents/${encodeURIComponent(sourceId)}`;
}

function webUrl(value: string): URL | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
