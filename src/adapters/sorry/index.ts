// Sorry™ status pages: a public JSON API on the page's own host (status, components, notices).
import { neverThrows } from '../parse-kit/guard.js';
import { pageBaseBefore } from '../parse-kit/incident-parts.js';
import { definePlatform } from '../types.js';
import { sorryDetection } from './detect.js';
import { normalizeSorry } from './normalize.js';
import { sorrySimFormat } from './sim-render.js';

/** The page URL without a pasted `/api/v1/...` suffix. */
function sorryBase(statusPageUrl: string): string {
  return pageBaseBefore(statusPageUrl, '/api/v1');
}

export const sorryAdapter = definePlatform({
  platform: 'sorry',
  detection: sorryDetection,
  endpoints(statusPageUrl) {
    const base = sorryBase(statusPageUrl);
    return [
      // Only the page's name: everything else is in the two lists.
      { key: 'status', url: `${base}/api/v1/status`, required: false },
      { key: 'components', url: `${base}/api/v1/components`, required: true },
      { key: 'notices', url: `${base}/api/v1/notices`, required: true },
    ];
  },
  parse: neverThrows((bodies) =>
    normalizeSorry({
      status: bodies.status ?? null,
      components: bodies.components ?? null,
      notices: bodies.notices ?? null,
    }),
  ),
  simulator: sorrySimFormat,
});
