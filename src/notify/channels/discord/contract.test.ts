import { channelContract } from '../../test-support/channel-contract.js';
import { checks } from '../../test-support/service-shapes.js';
import { discordChannel } from './index.js';

channelContract(discordChannel, {
  target: (url) => ({
    name: 'chat',
    type: 'discord',
    url: `${url}/api/webhooks/123456789012/discordTokenSecret42`,
  }),
  secrets: ['discordTokenSecret42'],
  transport: 'http',
  check: checks.discord,
});
