import { channelContract } from '../../test-support/channel-contract.js';
import { checks } from '../../test-support/service-shapes.js';
import { webhookChannel } from './index.js';

const secret = 'hmacSigningSecret77';

channelContract(webhookChannel, {
  target: (url) => ({
    name: 'hook',
    type: 'webhook',
    url: `${url}/whPathSecret42?token=webhookQuerySecret99`,
    secret,
  }),
  secrets: ['whPathSecret42', 'webhookQuerySecret99', secret],
  transport: 'http',
  check: checks.webhook(secret),
});
