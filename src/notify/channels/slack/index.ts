// Slack incoming webhook: Block Kit for people. Slack takes about one message a second per webhook.
import { defineChannel } from '../../channel.js';
import { webhookUrlDestination, type WebhookUrlTarget } from '../../channel-kit.js';
import { renderSlack } from './render.js';
import { sendSlack } from './send.js';

export type SlackTarget = WebhookUrlTarget;

export const slackChannel = defineChannel({
  type: 'slack',
  summary: 'Slack incoming webhook (url).',
  ...webhookUrlDestination,
  coalesce: true,
  minIntervalMs: 1000,
  reminders: true,
  render: renderSlack,
  send: sendSlack,
});
