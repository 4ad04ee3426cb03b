import { channelContract } from '../../test-support/channel-contract.js';
import { checks } from '../../test-support/service-shapes.js';
import { pagerdutyChannel } from './index.js';

const routingKey = 'PDroutingKeySecret0123456789abcd';

channelContract(pagerdutyChannel, {
  target: (url) => ({ name: 'pager', type: 'pagerduty', url: `${url}/v2/enqueue`, routingKey }),
  secrets: [routingKey],
  transport: 'http',
  check: checks.pagerduty,
});
