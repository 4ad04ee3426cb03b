// The generic webhook: every event as signed JSON, for machines, so nothing is coalesced.
import { z } from 'zod';
import { defineChannel, type ChannelTarget } from '../../channel.js';
import { httpUrlField, urlDestination, urlRefusal } from '../../channel-kit.js';
import { renderWebhook } from './render.js';
import { sendWebhook } from './send.js';

const fields = {
  url: httpUrlField,
  secret: z.string().min(1).describe('Signs webhook deliveries (HMAC-SHA256).'),
};
export type WebhookTarget = ChannelTarget<typeof fields, 'url'>;

export const webhookChannel = defineChannel({
  type: 'webhook',
  summary: 'Signed JSON to any URL (url; secret signs it).',
  fields,
  required: ['url'],
  secrets: { url: 'url', secret: 'text' },
  fingerprint: ['url', 'secret'],
  coalesce: false,
  minIntervalMs: 0,
  reminders: false,
  describeDestination: (target) => urlDestination(target.url),
  refuseDestination: (target, policy) => urlRefusal('url', target.url, policy),
  render: renderWebhook,
  send: sendWebhook,
});
