// Microsoft Teams (Workflows webhook): an Adaptive Card for people; a few messages a second.
import { defineChannel, type ChannelTarget } from '../../channel.js';
import { httpUrlField, urlDestination, urlRefusal } from '../../channel-kit.js';
import { renderTeams } from './render.js';
import { sendTeams } from './send.js';

const fields = { url: httpUrlField };
export type TeamsTarget = ChannelTarget<typeof fields, 'url'>;

export const teamsChannel = defineChannel({
  type: 'teams',
  summary: 'Microsoft Teams Workflows webhook (url).',
  fields,
  required: ['url'],
  secrets: { url: 'url' },
  fingerprint: ['url'],
  coalesce: true,
  minIntervalMs: 1000,
  reminders: true,
  describeDestination: (target) => urlDestination(target.url),
  refuseDestination: (target, policy) => urlRefusal('url', target.url, policy),
  render: renderTeams,
  send: sendTeams,
});
