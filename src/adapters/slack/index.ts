// Slack (docs/platforms.md#slack). The status page URL (status.slack.com or slack-status.com) is
// the API base, so a local simulator can stand in for it.
import { neverThrows } from '../parse-kit/guard.js';
import { pageBaseBefore } from '../parse-kit/incident-parts.js';
import { definePlatform } from '../types.js';
import { slackDetection } from './detect.js';
import { normalizeSlack } from './normalize.js';

function slackBase(statusPageUrl: string): string {
  return pageBaseBefore(statusPageUrl, '/api/');
}

export const slackAdapter = definePlatform({
  platform: 'slack',
  detection: slackDetection,
  endpoints(statusPageUrl) {
    const base = slackBase(statusPageUrl);
    return [
      { key: 'current', url: `${base}/api/v2.0.0/current`, required: true },
      // Resolutions and postmortem summaries appear only in the history.
      { key: 'history', url: `${base}/api/v2.0.0/history`, required: false },
    ];
  },
  parse: neverThrows((bodies, context) =>
    normalizeSlack(
      { current: bodies.current ?? null, history: bodies.history ?? null },
      slackBase(context.statusPageUrl),
    ),
  ),
});
