// Instatus status pages (docs/platforms.md#instatus): summary.json plus the public components list.
import { neverThrows } from '../parse-kit/guard.js';
import { pageBase } from '../parse-kit/incident-parts.js';
import { definePlatform } from '../types.js';
import { instatusDetection } from './detect.js';
import { instatusSimFormat } from './sim-render.js';
import { normalizeInstatus } from './normalize.js';

export const instatusAdapter = definePlatform({
  platform: 'instatus',
  detection: instatusDetection,
  endpoints(statusPageUrl) {
    const base = pageBase(statusPageUrl).replace(/\/summary\.json$/i, '');
    return [
      { key: 'summary', url: `${base}/summary.json`, required: true },
      // The summary never lists components; without this the page has none.
      { key: 'components', url: `${base}/v2/components.json`, required: false },
    ];
  },
  parse: neverThrows((bodies, context) =>
    normalizeInstatus(
      { summary: bodies.summary ?? null, components: bodies.components ?? null },
      context,
    ),
  ),
  simulator: instatusSimFormat,
});
