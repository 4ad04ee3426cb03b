// Mattermost incoming webhook (https://<host>/hooks/<key>): the URL is the secret in full, as the
// key in its path lets anyone post. Self-hosted, so no documented rate limit: one a second.
import { defineChannel, type ChannelTarget } from '../../channel.js';
import { httpUrlField, urlDestination, urlRefusal } from '../../channel-kit.js';
import { renderMattermost } from './render.js';
import { sendMattermost } from './send.js';

const hookPath = /\/hooks\/[A-Za-z0-9]+\/?$/;

const fields = {
  url: httpUrlField
    .refine((value) => !URL.canParse(value) || hookPath.test(new URL(value).pathname), {
      message: 'must be a Mattermost incoming webhook URL (https://<host>/hooks/<key>)',
    })
    .describe('The incoming webhook URL, https://<host>/hooks/<key>.'),
};
export type MattermostTarget = ChannelTarget<typeof fields, 'url'>;

export const mattermostChannel = defineChannel({
  type: 'mattermost',
  summary: 'Mattermost incoming webhook (url).',
  fields,
  required: ['url'],
  secrets: { url: 'url' },
  fingerprint: ['url'],
  coalesce: true,
  minIntervalMs: 1000,
  reminders: true,
  describeDestination: (target) => urlDestination(target.url),
  refuseDestination: (target, policy) => urlRefusal('url', target.url, policy),
  render: renderMattermost,
  send: sendMattermost,
});
