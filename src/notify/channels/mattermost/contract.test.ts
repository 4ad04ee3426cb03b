import { channelContract } from '../../test-support/channel-contract.js';
import { moreChecks } from '../../test-support/service-shapes.js';
import { mattermostChannel } from './index.js';

const hookKey = 'xj7k3mattermosthookkey9q2';

channelContract(mattermostChannel, {
  target: (url) => ({
    name: 'mm',
    type: 'mattermost',
    url: `${new URL(url).origin}/hooks/${hookKey}`,
  }),
  secrets: [hookKey],
  transport: 'http',
  check: moreChecks.mattermost,
});
