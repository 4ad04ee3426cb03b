import { channelContract } from '../../test-support/channel-contract.js';
import { moreChecks } from '../../test-support/service-shapes.js';
import { googlechatChannel } from './index.js';

const key = 'AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI';
const token = 'g8Zx0Qp3_chatWebhookTokenSecret%3D';

channelContract(googlechatChannel, {
  target: (url) => ({
    name: 'space',
    type: 'googlechat',
    url: `${new URL(url).origin}/v1/spaces/AAAAspace42/messages?key=${key}&token=${token}`,
  }),
  secrets: [key, 'g8Zx0Qp3_chatWebhookTokenSecret='],
  transport: 'http',
  check: moreChecks.googleChat,
});
