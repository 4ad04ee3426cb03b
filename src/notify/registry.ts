// Every channel, in one literal list: adding one is its folder plus its line here. The target
// types, the target schema, the API's description of a target and the redaction rules all come
// from this list.
import { createChannelRegistry } from './channel-registry.js';
import { discordChannel } from './channels/discord/index.js';
import { emailChannel } from './channels/email/index.js';
import { googlechatChannel } from './channels/googlechat/index.js';
import { mattermostChannel } from './channels/mattermost/index.js';
import { ntfyChannel } from './channels/ntfy/index.js';
import { opsgenieChannel } from './channels/opsgenie/index.js';
import { pagerdutyChannel } from './channels/pagerduty/index.js';
import { slackChannel } from './channels/slack/index.js';
import { teamsChannel } from './channels/teams/index.js';
import { telegramChannel } from './channels/telegram/index.js';
import { webhookChannel } from './channels/webhook/index.js';
import type { Channel, TargetType } from './types.js';

export const channelList = [
  webhookChannel,
  slackChannel,
  discordChannel,
  teamsChannel,
  emailChannel,
  pagerdutyChannel,
  ntfyChannel,
  opsgenieChannel,
  googlechatChannel,
  mattermostChannel,
  telegramChannel,
];

export const channels = createChannelRegistry(channelList);

export function getChannel(type: TargetType): Channel {
  return channels.get(type);
}
