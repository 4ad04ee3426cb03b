import { channelContract } from '../../test-support/channel-contract.js';
import { checks } from '../../test-support/service-shapes.js';
import { teamsChannel } from './index.js';

channelContract(teamsChannel, {
  target: (url) => ({
    name: 'teams',
    type: 'teams',
    url: `${url}/workflows/abc123def456/triggers/manual/paths/invoke?sig=SiGnAtUrE_secret_value`,
  }),
  secrets: ['SiGnAtUrE_secret_value', 'abc123def456'],
  transport: 'http',
  check: checks.teams,
});
