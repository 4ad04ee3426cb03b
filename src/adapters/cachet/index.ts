// Cachet, self-hosted (docs/platforms.md#cachet). A page URL polls the Cachet 2 API (`/api/v1`); a
// URL ending in `/api` polls Cachet 3. The parser reads either shape from either URL.
import { neverThrows } from '../parse-kit/guard.js';
import { pageBase } from '../parse-kit/incident-parts.js';
import { definePlatform } from '../types.js';
import { cachetDetection } from './detect.js';
import { cachetSimFormat } from './sim-render.js';
import { normalizeCachet } from './normalize.js';

/** Rows per request: the default (20 or 15) would hide most incidents behind pagination. */
const perPage = 100;

interface CachetTarget {
  site: string;
  generation: 2 | 3;
}

function cachetTarget(statusPageUrl: string): CachetTarget {
  const base = pageBase(statusPageUrl);
  const lower = base.toLowerCase();
  const v1 = lower.indexOf('/api/v1');
  if (v1 > 0) return { site: base.slice(0, v1), generation: 2 };
  if (lower.endsWith('/api')) return { site: base.slice(0, -4), generation: 3 };
  return { site: base, generation: 2 };
}

export const cachetAdapter = definePlatform({
  platform: 'cachet',
  detection: cachetDetection,
  endpoints(statusPageUrl) {
    const { site, generation } = cachetTarget(statusPageUrl);
    const paths =
      generation === 2
        ? {
            components: `/api/v1/components?per_page=${perPage}`,
            groups: `/api/v1/components/groups?per_page=${perPage}`,
            incidents: `/api/v1/incidents?per_page=${perPage}&sort=id&order=desc`,
          }
        : {
            components: `/api/components?per_page=${perPage}`,
            groups: `/api/component-groups?per_page=${perPage}`,
            incidents: `/api/incidents?per_page=${perPage}&sort=-id`,
          };
    return [
      { key: 'components', url: `${site}${paths.components}`, required: true },
      { key: 'groups', url: `${site}${paths.groups}`, required: false },
      { key: 'incidents', url: `${site}${paths.incidents}`, required: false },
    ];
  },
  parse: neverThrows((bodies, context) =>
    normalizeCachet(
      {
        components: bodies.components ?? null,
        groups: bodies.groups ?? null,
        incidents: bodies.incidents ?? null,
      },
      cachetTarget(context.statusPageUrl).site,
    ),
  ),
  simulator: cachetSimFormat,
});
