// Discord channel webhook: an embed for people. Discord allows five messages per two seconds.
import { defineChannel, type ChannelTarget } from '../../channel.js';
import { httpUrlField, urlDestination, urlRefusal } from '../../channel-kit.js';
import { renderDiscord } from './render.js';
import { sendDiscord } from './send.js';

const fields = { url: httpUrlField };
export type DiscordTarget = ChannelTarget<typeof fields, 'url'>;

export const discordChannel = defineChannel({
  type: 'discord',
  summary: 'Discord channel webhook (url).',
  fields,
  required: ['url'],
  secrets: { url: 'url' },
  fingerprint: ['url'],
  coalesce: true,
  minIntervalMs: 500,
  reminders: true,
  describeDestination: (target) => urlDestination(target.url),
  refuseDestination: (target, policy) => urlRefusal('url', target.url, policy),
  render: renderDiscord,
  send: sendDiscord,
});
