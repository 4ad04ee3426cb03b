// Better Stack (Better Uptime) status pages (docs/platforms.md#betterstack): everything is in
// `<page>/index.json`.
import { neverThrows } from '../parse-kit/guard.js';
import { pageBaseBefore } from '../parse-kit/incident-parts.js';
import { definePlatform } from '../types.js';
import { betterstackDetection } from './detect.js';
import { normalizeBetterstack } from './normalize.js';

export const betterstackAdapter = definePlatform({
  platform: 'betterstack',
  detection: betterstackDetection,
  endpoints(statusPageUrl) {
    return [
      {
        key: 'index',
        url: `${pageBaseBefore(statusPageUrl, '/index.json')}/index.json`,
        required: true,
      },
    ];
  },
  parse: neverThrows((bodies, context) =>
    normalizeBetterstack(bodies.index ?? null, context.observedAt ?? null),
  ),
});
