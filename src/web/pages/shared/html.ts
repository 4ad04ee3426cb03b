// Every HTML response leaves through sendHtml: a strict Content-Security-Policy (no inline
// script or style at all, no plugins, no <base>, no framing), the other hardening headers, and
// the same revalidation scheme as the JSON API (no-cache plus a weak ETag over the exact body).
import type { Context } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { etagMatches, weakEtag } from '../../json.js';
import { withViewer } from './viewer-context.js';

const directives = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
];
// app.js writes only through textContent; this makes any HTML sink a hard error in browsers.
const trustedTypes = "require-trusted-types-for 'script'";

/**
 * Which policy a page gets. `api-docs` is every page's policy less Trusted Types, and only for
 * /api/docs: Swagger UI writes the markdown of our own OpenAPI document (no vendor text) through
 * innerHTML after its own sanitizer. Scripts and styles stay 'self' (docs/security.md).
 */
export type PagePolicy = 'page' | 'api-docs' | 'public-status';

/**
 * A board's public status page (/status/{slug}): no script at all, its stylesheet and icon only,
 * no form, and framable by any site (a company embeds it; the page has nothing to click that
 * changes anything, so framing cannot be turned against its reader). docs/security.md.
 */
const publicStatusDirectives = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  'frame-ancestors *',
];

const policies: Readonly<Record<PagePolicy, string>> = {
  page: [...directives, trustedTypes].join('; '),
  'api-docs': directives.join('; '),
  'public-status': publicStatusDirectives.join('; '),
};

const securityHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

const htmlType = 'text/html; charset=utf-8';

type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The whole document; a hono/jsx node renders on toString(), a promise only when async. */
export async function renderDocument(page: Page): Promise<string> {
  return `<!doctype html>${await Promise.resolve(page).then((node) => node.toString())}`;
}

export async function sendHtml(
  c: Context,
  page: Page,
  status: ContentfulStatusCode = 200,
  policy: PagePolicy = 'page',
): Promise<Response> {
  const html = await renderDocument(withViewer(c.get('viewer'), page));
  return status === 200
    ? sendDocument(c, html, weakEtag(html), policy)
    : errorDocument(html, status, policy);
}

function headers(policy: PagePolicy = 'page'): Record<string, string> {
  // frame-ancestors decides framing; X-Frame-Options DENY would still forbid the status page's.
  const { 'x-frame-options': _, ...framable } = securityHeaders;
  return {
    ...(policy === 'public-status' ? framable : securityHeaders),
    'content-security-policy': policies[policy],
    'content-type': htmlType,
    'cache-control': 'no-cache',
  };
}

function errorDocument(
  html: string,
  status: ContentfulStatusCode,
  policy: PagePolicy = 'page',
): Response {
  return new Response(html, { status, headers: headers(policy) });
}

/** A 200 document whose ETag is already known (e.g. from a render cache). */
export function sendDocument(
  c: Context,
  html: string,
  etag: string,
  policy: PagePolicy = 'page',
): Response {
  if (etagMatches(c.req.header('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers: { ...headers(policy), etag } });
  }
  return new Response(html, { status: 200, headers: { ...headers(policy), etag } });
}
