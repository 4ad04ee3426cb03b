// Google Chat incoming webhook (https://chat.googleapis.com/v1/spaces/<space>/messages?key=…&
// token=…): the key and token in the query let anyone post, so the URL is a secret in full.
// Chat takes one message a second per space.
import { defineChannel, type ChannelTarget } from '../../channel.js';
import { httpUrlField, urlDestination, urlRefusal } from '../../channel-kit.js';
import { renderGoogleChat } from './render.js';
import { sendGoogleChat } from './send.js';

function hasKeyAndToken(value: string): boolean {
  if (!URL.canParse(value)) return true; // the URL check above says what is wrong
  const { searchParams } = new URL(value);
  return Boolean(searchParams.get('key')) && Boolean(searchParams.get('token'));
}

const fields = {
  url: httpUrlField
    .refine(hasKeyAndToken, {
      message:
        'must be a Google Chat webhook URL with its key and token (…/messages?key=…&token=…)',
    })
    .describe(
      'The space webhook URL, https://chat.googleapis.com/v1/spaces/…/messages?key=…&token=….',
    ),
};
export type GoogleChatTarget = ChannelTarget<typeof fields, 'url'>;

export const googlechatChannel = defineChannel({
  type: 'googlechat',
  summary: 'Google Chat incoming webhook, as a card (url with key and token).',
  fields,
  required: ['url'],
  secrets: { url: 'url' },
  fingerprint: ['url'],
  coalesce: true,
  minIntervalMs: 1000,
  reminders: true,
  describeDestination: (target) => urlDestination(target.url),
  refuseDestination: (target, policy) => urlRefusal('url', target.url, policy),
  render: renderGoogleChat,
  send: sendGoogleChat,
});
