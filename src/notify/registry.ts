// Every channel, in one literal list checked at load: adding one is a folder plus one line here.
import { renderDiscord } from './channels/discord/render.js';
import { sendDiscord } from './channels/discord/send.js';
import { renderEmail } from './channels/email/render.js';
import { sendEmail } from './channels/email/send.js';
import { renderPagerDuty } from './channels/pagerduty/render.js';
import { sendPagerDuty } from './channels/pagerduty/send.js';
import { renderSlack } from './channels/slack/render.js';
import { sendSlack } from './channels/slack/send.js';
import { renderTeams } from './channels/teams/render.js';
import { sendTeams } from './channels/teams/send.js';
import { renderWebhook } from './channels/webhook/render.js';
import { sendWebhook } from './channels/webhook/send.js';
import { defineChannel, targetTypes, type Channel, type TargetType } from './types.js';

// Rate limits are the services' own: Slack takes about one message a second per webhook,
// Discord five per two seconds, Teams Workflows a few per second.
const channelList: readonly Channel[] = [
  defineChannel({
    type: 'webhook',
    coalesce: false,
    minIntervalMs: 0,
    render: renderWebhook,
    send: sendWebhook,
  }),
  defineChannel({
    type: 'slack',
    coalesce: true,
    minIntervalMs: 1000,
    render: renderSlack,
    send: sendSlack,
  }),
  defineChannel({
    type: 'discord',
    coalesce: true,
    minIntervalMs: 500,
    render: renderDiscord,
    send: sendDiscord,
  }),
  defineChannel({
    type: 'teams',
    coalesce: true,
    minIntervalMs: 1000,
    render: renderTeams,
    send: sendTeams,
  }),
  defineChannel({
    type: 'email',
    coalesce: true,
    minIntervalMs: 0,
    render: renderEmail,
    send: sendEmail,
  }),
  defineChannel({
    type: 'pagerduty',
    coalesce: true,
    minIntervalMs: 0,
    render: renderPagerDuty,
    send: sendPagerDuty,
  }),
];

/** Checks the list: one channel per target type, none missing. */
export function indexChannels(list: readonly Channel[]): ReadonlyMap<TargetType, Channel> {
  const byType = new Map<TargetType, Channel>();
  for (const channel of list) {
    if (byType.has(channel.type)) throw new Error(`two channels for type ${channel.type}`);
    byType.set(channel.type, channel);
  }
  const missing = targetTypes.filter((type) => !byType.has(type));
  if (missing.length > 0) throw new Error(`no channel for ${missing.join(', ')}`);
  return byType;
}

const channels = indexChannels(channelList);

export function getChannel(type: TargetType): Channel {
  return channels.get(type)!;
}
