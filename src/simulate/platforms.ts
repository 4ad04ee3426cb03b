// Which paths a vendor answers and how each body is rendered, by the product it imitates. Every
// renderer reads the same in-memory model (types.ts); the HTTP layer only sees strings.
import { cachetPaths, renderCachet, type CachetEndpoint } from './render-cachet.js';
import { incidentioPaths, renderIncidentio, type IncidentioEndpoint } from './render-incidentio.js';
import { instatusPaths, renderInstatus, type InstatusEndpoint } from './render-instatus.js';
import { renderRss, rssPaths } from './render-rss.js';
import { endpointPaths, renderEndpoint, type EndpointName } from './render.js';
import type { SimPlatform, SimVendorIdentity, SimVendorState } from '../adapters/sim-kit/types.js';

const json = 'application/json; charset=utf-8';

interface PlatformFormat {
  paths: Readonly<Record<string, string>>;
  contentType: string;
  render(
    endpoint: string,
    identity: SimVendorIdentity,
    state: SimVendorState,
    pageUrl: string,
  ): string;
}

const formats: Record<SimPlatform, PlatformFormat> = {
  statuspage: {
    paths: endpointPaths,
    contentType: json,
    render: (endpoint, identity, state, pageUrl) =>
      JSON.stringify(renderEndpoint(endpoint as EndpointName, identity, state, pageUrl)),
  },
  incidentio: {
    paths: incidentioPaths,
    contentType: json,
    render: (endpoint, identity, state, pageUrl) =>
      JSON.stringify(renderIncidentio(endpoint as IncidentioEndpoint, identity, state, pageUrl)),
  },
  instatus: {
    paths: instatusPaths,
    contentType: json,
    render: (endpoint, identity, state, pageUrl) =>
      JSON.stringify(renderInstatus(endpoint as InstatusEndpoint, identity, state, pageUrl)),
  },
  cachet: {
    paths: cachetPaths,
    contentType: json,
    render: (endpoint, _identity, state, pageUrl) =>
      JSON.stringify(renderCachet(endpoint as CachetEndpoint, state, pageUrl)),
  },
  rss: {
    paths: rssPaths,
    contentType: 'application/atom+xml; charset=utf-8',
    render: (_endpoint, identity, state, pageUrl) => renderRss(identity, state, pageUrl),
  },
};

export function platformOf(identity: SimVendorIdentity): SimPlatform {
  return identity.platform ?? 'statuspage';
}

/** The endpoint a path names for this platform, or undefined (→ 404). */
export function endpointOfPath(platform: SimPlatform, path: string): string | undefined {
  return Object.hasOwn(formats[platform].paths, path) ? formats[platform].paths[path] : undefined;
}

export function contentTypeOf(platform: SimPlatform): string {
  return formats[platform].contentType;
}

export function renderBody(
  platform: SimPlatform,
  endpoint: string,
  identity: SimVendorIdentity,
  state: SimVendorState,
  pageUrl: string,
): string {
  return formats[platform].render(endpoint, identity, state, pageUrl);
}
