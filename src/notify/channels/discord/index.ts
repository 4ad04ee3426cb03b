// Discord channel webhook: an embed for people. Discord allows five messages per two seconds.
import { defineChannel } from '../../channel.js';
import { webhookUrlDestination, type WebhookUrlTarget } from '../../channel-kit.js';
import { renderDiscord } from './render.js';
import { sendDiscord } from './send.js';

export type DiscordTarget = WebhookUrlTarget;

export const discordChannel = defineChannel({
  type: 'discord',
  summary: 'Discord channel webhook (url).',
  ...webhookUrlDestination,
  coalesce: true,
  minIntervalMs: 500,
  reminders: true,
  render: renderDiscord,
  send: sendDiscord,
});
