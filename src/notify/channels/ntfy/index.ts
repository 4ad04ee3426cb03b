// ntfy push notifications, to ntfy.sh or a self-hosted server. Anyone who knows a topic may read
// it, so the topic URL is a secret like a webhook's; an access token, when the server wants one,
// is sent as a bearer token. ntfy.sh allows a burst of 60 requests, then one every 5 s.
import { z } from 'zod';
import { defineChannel, type ChannelTarget } from '../../channel.js';
import { httpUrlField, urlDestination, urlRefusal } from '../../channel-kit.js';
import { renderNtfy } from './render.js';
import { sendNtfy } from './send.js';

const fields = {
  url: httpUrlField.describe('The topic URL, e.g. https://ntfy.sh/<topic>.'),
  token: z.string().min(1).describe('An access token for a protected topic.'),
};
export type NtfyTarget = ChannelTarget<typeof fields, 'url'>;

export const ntfyChannel = defineChannel({
  type: 'ntfy',
  summary: 'ntfy push notification to a topic (url; token for a protected one).',
  fields,
  required: ['url'],
  secrets: { url: 'url', token: 'text' },
  fingerprint: ['url', 'token'],
  coalesce: true,
  minIntervalMs: 1000,
  reminders: true,
  describeDestination: (target) => urlDestination(target.url),
  refuseDestination: (target, policy) => urlRefusal('url', target.url, policy),
  render: renderNtfy,
  send: sendNtfy,
});
