// Serves the fleet in each vendor's platform format with Statuspage's caching headers (weak ETag,
// 304 on If-None-Match, gzip; docs/platforms.md#statuspage-caching). A vendor is found by the local
// address its connection came in on (one per vendor) or by the /v/<slug> path prefix.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fleet, FleetVendor } from './fleet.js';
import type { Inbox } from './inbox.js';
import { findIncident, incidentIdOfPath, renderIncidentPage } from './incident-page.js';
import { contentTypeOf, endpointOfPath, platformOf } from './platforms.js';
import { httpDate } from '../adapters/sim-kit/time-format.js';

/** The headers a real Statuspage page sends (githubstatus.com, recorded 2026-09-10). */
const staticHeaders = {
  'cache-control':
    'max-age=10, public, s-maxage=10, stale-while-revalidate=20, stale-if-error=3600',
  vary: 'Accept,Accept-Encoding',
  'access-control-allow-origin': '*',
  'x-statuspage-version': 'vendorwatch-simulator',
};

type VendorByAddress = (localAddress: string | undefined) => FleetVendor | undefined;

export function createRequestHandler(
  fleet: Fleet,
  vendorByAddress: VendorByAddress,
  inbox: Inbox,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/_sim/')) return serveControl(fleet, inbox, req, res);
    let vendor = vendorByAddress(req.socket.localAddress);
    let rest = path;
    if (path.startsWith('/v/')) {
      const slashAt = path.indexOf('/', 3);
      const slug = decodeURIComponent(path.slice(3, slashAt === -1 ? undefined : slashAt));
      vendor = fleet.vendor(slug);
      rest = slashAt === -1 ? '/' : path.slice(slashAt);
    }
    if (rest === apiHealthPath) return serveApiHealth(vendor, req, res);
    const incidentId = incidentIdOfPath(rest);
    if (incidentId !== null) return serveIncidentPage(fleet, vendor, incidentId, res);
    const platform = vendor ? platformOf(vendor.identity) : 'statuspage';
    const endpoint = vendor ? endpointOfPath(platform, rest) : undefined;
    if (!vendor || !endpoint) return sendJson(res, 404, { error: 'not found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendJson(res, 405, { error: 'method not allowed' });
    }
    const served = fleet.body(vendor, endpoint, acceptsGzip(req.headers['accept-encoding']));
    const headers: Record<string, string | number> = {
      ...staticHeaders,
      'content-type': contentTypeOf(platform),
      etag: served.etag,
      'last-modified': httpDate(served.lastModified),
    };
    if (isNotModified(req, served.etag, served.lastModified)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    if (served.gzipped) headers['content-encoding'] = 'gzip';
    headers['content-length'] = served.body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : served.body);
  };
}

/** The vendor's own API health endpoint: the thing probes watch, apart from its status page. */
export const apiHealthPath = '/api/health';

function serveApiHealth(
  vendor: FleetVendor | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (!vendor) return sendJson(res, 404, { error: 'not found' });
  const down = vendor.state.apiDown === true;
  const body = JSON.stringify(down ? { status: 'error' } : { status: 'ok' });
  res.writeHead(down ? 503 : 200, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function serveIncidentPage(
  fleet: Fleet,
  vendor: FleetVendor | undefined,
  id: string,
  res: ServerResponse,
): void {
  const found = findIncident(vendor ? [vendor] : fleet.vendors, id);
  if (!found) return sendJson(res, 404, { error: 'not found' });
  const html = renderIncidentPage(found.vendor, found.incident);
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'",
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}

function serveControl(fleet: Fleet, inbox: Inbox, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://simulator');
  if (url.pathname === '/_sim/inbox') {
    if (req.method === 'POST') return inbox.receive(req, res);
    return sendJson(res, 200, { records: inbox.all() });
  }
  if (url.pathname === '/_sim/vendors') {
    const vendors = fleet.vendors.map((v) => ({
      slug: v.identity.slug,
      name: v.identity.name,
      platform: platformOf(v.identity),
      baseUrl: v.baseUrl,
    }));
    return sendJson(res, 200, { vendors });
  }
  if (url.pathname === '/_sim/visibility') {
    const since = Number(url.searchParams.get('since') ?? '0');
    return sendJson(res, 200, fleet.visibility.since(Number.isFinite(since) ? since : 0));
  }
  sendJson(res, 404, { error: 'not found' });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** gzip unless the client left it out or gave it q=0. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

/** If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2); ETags compare weakly. */
function isNotModified(req: IncomingMessage, etag: string, lastModified: number): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const opaque = etag.replace(/^W\//, '');
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim())
      .some((tag) => tag === '*' || tag.replace(/^W\//, '') === opaque);
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Math.floor(lastModified / 1000) * 1000 <= since;
}
