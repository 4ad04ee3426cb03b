// The Origin / Sec-Fetch-Site half of CSRF protection, applied to every state-changing request
// that does not carry the admin token: a browser says where a request comes from, and a request
// from another site is refused before any handler runs.
import type { Context } from 'hono';

/** Origins vendorwatch is reached at: server.publicUrl's and the request's own Host. */
function ownOrigins(c: Context, publicUrl: string | undefined): Set<string> {
  const origins = new Set<string>();
  if (publicUrl) origins.add(new URL(publicUrl).origin);
  const host = c.req.header('host');
  if (host) {
    origins.add(`http://${host}`.toLowerCase());
    origins.add(`https://${host}`.toLowerCase());
  }
  return origins;
}

export type OriginVerdict = 'same' | 'cross' | 'unknown';

/**
 * 'cross' when the browser says the request comes from elsewhere; 'unknown' when it says nothing
 * (curl, scripts): those carry no ambient browser credentials a page could abuse, and the session
 * routes still want the synchronizer token. Sec-Fetch-Site, when sent, decides alone (browsers set
 * it and pages cannot): only same-origin and none (typed in the address bar) pass. Without it, the
 * Origin must be ours; "null" is not (Chromium sends "null" on our own forms, because every page
 * has Referrer-Policy no-referrer, but always with Sec-Fetch-Site).
 */
export function requestOrigin(c: Context, publicUrl: string | undefined): OriginVerdict {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none' ? 'same' : 'cross';
  const origin = c.req.header('origin');
  if (origin === undefined) return 'unknown';
  return ownOrigins(c, publicUrl).has(origin.toLowerCase()) ? 'same' : 'cross';
}
