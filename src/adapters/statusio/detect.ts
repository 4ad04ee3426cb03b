// How a status.io page is recognised: a status.io host with a page id in the URL, or a page whose
// HTML names status.io and carries the 24-hex page id (the id lives nowhere else).
import { hostOf } from '../detect-kit/hosts.js';
import type { HostMatch, HtmlPageId, PlatformDetection } from '../detect-kit/types.js';

const objectId = /\b[0-9a-f]{24}\b/i;

/** status.io hosts answer only with a page id in the URL. */
function statusioHost(url: URL): HostMatch | null {
  const host = hostOf(url);
  if (host !== 'status.io' && !host.endsWith('.status.io')) return null;
  const id = objectId.exec(`${url.pathname}${url.hash}`)?.[0];
  if (id === undefined) return null;
  const statusPageUrl =
    host === 'api.status.io'
      ? `${url.origin}/1.0/status/${id}`
      : `${url.origin}/pages/history/${id}`;
  return { statusPageUrl, evidence: `known status host ${host} with page id ${id}` };
}

/** The page id from a page whose HTML names status.io: high near its API or page links. */
function statusioPageInHtml(text: string): ReturnType<HtmlPageId['find']> {
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

export const statusioDetection: PlatformDetection = {
  knownHost: statusioHost,
  htmlPageId: {
    find: statusioPageInHtml,
    pageUrl: (origin, pageId) => `${origin}/pages/history/${pageId}`,
  },
};
