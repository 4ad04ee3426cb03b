// Microsoft Teams (Workflows webhook): an Adaptive Card for people; a few messages a second.
import { defineChannel } from '../../channel.js';
import { webhookUrlDestination, type WebhookUrlTarget } from '../../channel-kit.js';
import { renderTeams } from './render.js';
import { sendTeams } from './send.js';

export type TeamsTarget = WebhookUrlTarget;

export const teamsChannel = defineChannel({
  type: 'teams',
  summary: 'Microsoft Teams Workflows webhook (url).',
  ...webhookUrlDestination,
  coalesce: true,
  minIntervalMs: 1000,
  reminders: true,
  render: renderTeams,
  send: sendTeams,
});
