import { channelContract } from '../../test-support/channel-contract.js';
import { checks } from '../../test-support/service-shapes.js';
import { slackChannel } from './index.js';

channelContract(slackChannel, {
  target: (url) => ({
    name: 'chat',
    type: 'slack',
    url: `${url}/services/T0SECRET/B0SECRET/slackTokenSecret42`,
  }),
  secrets: ['slackTokenSecret42', 'T0SECRET/B0SECRET'],
  transport: 'http',
  check: checks.slack,
});
