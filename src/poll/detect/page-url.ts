// The page base a pasted URL points at: its origin plus any sub-page prefix (e.g.
// neonstatus.com/console), without the API, feed or incident path a user may have copied.

/** First path segments that belong to a page's API or sub-pages, never to its prefix. */
const pageSegments = new Set([
  'api',
  'incidents',
  'incident',
  'history',
  'uptime',
  'maintenances',
  'maintenance',
  'components',
  'subscribe',
  'proxy',
  'feed',
  'v2',
  'v3',
]);

const apiFile =
  /^(summary|index|status|components|incidents|scheduled-maintenances)\.json$|^(history|feed)\.(atom|rss)$/i;

type ParsedPageUrl = { ok: true; url: URL; base: string } | { ok: false; error: string };

export function parsePageUrl(input: string): ParsedPageUrl {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, error: `not a URL: ${JSON.stringify(input.slice(0, 200))}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: `only http(s) status pages can be detected, not ${url.protocol}` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, error: 'a status page URL must not carry credentials' };
  }
  return { ok: true, url, base: pageBase(url) };
}

function pageBase(url: URL): string {
  const kept: string[] = [];
  for (const segment of url.pathname.split('/')) {
    if (segment === '') continue;
    if (pageSegments.has(segment.toLowerCase()) || apiFile.test(segment)) break;
    kept.push(segment);
  }
  return `${url.origin}${kept.length > 0 ? `/${kept.join('/')}` : ''}`;
}

/** A pasted feed URL is used as is: its path is the feed, not a page. */
export function looksLikeFeedUrl(url: URL): boolean {
  const path = url.pathname.toLowerCase();
  return /\.(atom|rss|xml)$/.test(path) || /\/(feed|rss|atom)(\/(rss|atom))?\/?$/.test(path);
}

/** The base of a page after redirects: the final URL of a probe with the probe's path removed. */
export function baseAfterRedirect(probeUrl: string, finalUrl: string, base: string): string {
  const suffix = probeUrl.slice(base.length);
  if (!probeUrl.startsWith(base) || !finalUrl.endsWith(suffix) || suffix === '') return base;
  const moved = finalUrl.slice(0, finalUrl.length - suffix.length);
  return /^https?:\/\/[^/]+/i.test(moved) ? moved.replace(/\/+$/, '') : base;
}
