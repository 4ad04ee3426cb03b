// status.io (docs/platforms.md#statusio): one JSON document per page at
// api.status.io/1.0/status/<page id>. The page id is a 24-hex ObjectId that only the API URL (or
// the page's HTML) reveals.
import { neverThrows } from '../parse-kit/guard.js';
import { definePlatform } from '../types.js';
import { statusioDetection } from './detect.js';
import { normalizeStatusio } from './normalize.js';

const apiOrigin = 'https://api.status.io';
const objectId = /\b[0-9a-f]{24}\b/i;

interface StatusioTarget {
  apiUrl: string;
  pageId: string | null;
  /** The public page's origin when the configured URL is the page itself, not the API. */
  pageOrigin: string | null;
}

/**
 * `…/1.0/status/<id>` on any host is used as is (so a local simulator works); any other URL
 * carrying a 24-hex id polls api.status.io; a URL without one is polled as given and fails
 * parsing with a message that says how to configure it.
 */
export function statusioTarget(statusPageUrl: string): StatusioTarget {
  let url: URL;
  try {
    url = new URL(statusPageUrl.trim());
  } catch {
    return { apiUrl: statusPageUrl, pageId: null, pageOrigin: null };
  }
  const path = /\/1\.0\/status\/([0-9a-f]{24})\b/i.exec(url.pathname);
  if (path) return { apiUrl: `${url.origin}${path[0]}`, pageId: path[1]!, pageOrigin: null };
  const id = objectId.exec(`${url.pathname}${url.hash}`)?.[0] ?? null;
  if (id === null) return { apiUrl: url.toString(), pageId: null, pageOrigin: null };
  return { apiUrl: `${apiOrigin}/1.0/status/${id}`, pageId: id, pageOrigin: url.origin };
}

export const statusioAdapter = definePlatform({
  platform: 'statusio',
  detection: statusioDetection,
  endpoints(statusPageUrl) {
    return [{ key: 'status', url: statusioTarget(statusPageUrl).apiUrl, required: true }];
  },
  parse: neverThrows((bodies, context) => {
    const { pageId, pageOrigin } = statusioTarget(context.statusPageUrl);
    return normalizeStatusio(bodies.status ?? null, (kind, id) =>
      pageId !== null && pageOrigin !== null
        ? `${pageOrigin}/pages/${kind}/${pageId}/${encodeURIComponent(id)}`
        : null,
    );
  }),
});
