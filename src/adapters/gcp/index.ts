// Google Cloud status (docs/platforms.md#gcp); Google Workspace serves the same schema under its
// own dashboard URL. The configured page URL is the base, so a local simulator can stand in.
import { neverThrows } from '../parse-kit/guard.js';
import { pageBaseBefore } from '../parse-kit/incident-parts.js';
import { definePlatform } from '../types.js';
import { gcpDetection } from './detect.js';
import { normalizeGcp } from './normalize.js';

function gcpBase(statusPageUrl: string): string {
  return pageBaseBefore(statusPageUrl, '/incidents.json');
}

export const gcpAdapter = definePlatform({
  platform: 'gcp',
  detection: gcpDetection,
  endpoints(statusPageUrl) {
    const base = gcpBase(statusPageUrl);
    return [
      { key: 'incidents', url: `${base}/incidents.json`, required: true },
      // The product catalogue keeps the component list stable as incidents age out.
      { key: 'products', url: `${base}/products.json`, required: false },
    ];
  },
  parse: neverThrows((bodies, context) =>
    normalizeGcp(
      { incidents: bodies.incidents ?? null, products: bodies.products ?? null },
      gcpBase(context.statusPageUrl),
    ),
  ),
});
