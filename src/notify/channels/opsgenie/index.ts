// Opsgenie Alerts API v2: the API key is the secret; url is the API base, for EU accounts
// (https://api.eu.opsgenie.com) and for tests.
import { z } from 'zod';
import { defineChannel, type ChannelTarget } from '../../channel.js';
import { httpUrlField, urlDestination, urlRefusal } from '../../channel-kit.js';
import { defaultApiUrl, renderOpsgenie } from './render.js';
import { sendOpsgenie } from './send.js';

const fields = {
  url: httpUrlField.describe('The API base: https://api.eu.opsgenie.com for EU accounts.'),
  apiKey: z
    .string()
    .regex(/^[\x21-\x7e]+$/, 'must be an API key without spaces')
    .describe('An API integration key, sent as GenieKey.'),
};
export type OpsgenieTarget = ChannelTarget<typeof fields, 'apiKey'>;

export const opsgenieChannel = defineChannel({
  type: 'opsgenie',
  summary: 'Opsgenie Alerts API v2 (apiKey; url for EU accounts).',
  fields,
  required: ['apiKey'],
  secrets: { apiKey: 'text' },
  fingerprint: ['url', 'apiKey'],
  coalesce: true,
  minIntervalMs: 0,
  reminders: false,
  describeDestination: (target) => urlDestination(target.url ?? defaultApiUrl),
  refuseDestination: (target, policy) => urlRefusal('url', target.url, policy),
  render: renderOpsgenie,
  send: sendOpsgenie,
});
