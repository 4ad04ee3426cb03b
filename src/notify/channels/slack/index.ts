// Slack incoming webhook: Block Kit for people. Slack takes about one message a second per webhook.
import { defineChannel, type ChannelTarget } from '../../channel.js';
import { httpUrlField, urlDestination, urlRefusal } from '../../channel-kit.js';
import { renderSlack } from './render.js';
import { sendSlack } from './send.js';

const fields = { url: httpUrlField };
export type SlackTarget = ChannelTarget<typeof fields, 'url'>;

export const slackChannel = defineChannel({
  type: 'slack',
  summary: 'Slack incoming webhook (url).',
  fields,
  required: ['url'],
  secrets: { url: 'url' },
  fingerprint: ['url'],
  coalesce: true,
  minIntervalMs: 1000,
  reminders: true,
  describeDestination: (target) => urlDestination(target.url),
  refuseDestination: (target, policy) => urlRefusal('url', target.url, policy),
  render: renderSlack,
  send: sendSlack,
});
