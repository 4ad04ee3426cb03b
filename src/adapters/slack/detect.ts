// Slack's fixed status host and its old aliases.
import { fixedHosts } from '../detect-kit/hosts.js';
import type { PlatformDetection } from '../detect-kit/types.js';

const canonical = 'https://status.slack.com';

export const slackDetection: PlatformDetection = {
  knownHost: fixedHosts({
    'status.slack.com': { path: '' },
    'slack-status.com': { path: '', canonical },
    'www.slack-status.com': { path: '', canonical },
  }),
};
