// Telegram through a bot: the bot token is the secret (it is in the request's path); chatId says
// which chat, group or channel; url is the Bot API base, for a local Bot API server and tests.
// Telegram allows about one message a second to one chat.
import { z } from 'zod';
import { defineChannel, type ChannelTarget } from '../../channel.js';
import { httpUrlField, urlDestination, urlRefusal } from '../../channel-kit.js';
import { defaultApiUrl, renderTelegram } from './render.js';
import { sendTelegram } from './send.js';

const chatIdPattern = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;

const fields = {
  url: httpUrlField.describe('The Bot API base, for a local Bot API server.'),
  token: z
    .string()
    .regex(
      /^\d{1,20}:[A-Za-z0-9_-]{20,}$/,
      'must be a bot token like 123456:ABC-DEF… (from @BotFather)',
    )
    .describe('The bot token from @BotFather.'),
  chatId: z
    .union([z.string(), z.number().int()])
    .transform(String)
    .refine((id) => chatIdPattern.test(id), 'must be a numeric chat id or @channelusername')
    .describe('A numeric chat id (groups are negative) or @channelusername.'),
};
export type TelegramTarget = ChannelTarget<typeof fields, 'token' | 'chatId'>;

export const telegramChannel = defineChannel({
  type: 'telegram',
  summary: 'Telegram Bot API sendMessage (token, chatId).',
  fields,
  required: ['token', 'chatId'],
  secrets: { token: 'text' },
  fingerprint: ['url', 'token', 'chatId'],
  coalesce: true,
  minIntervalMs: 1000,
  reminders: true,
  describeDestination: (target) =>
    `${urlDestination(target.url ?? defaultApiUrl)} chat ${String(target.chatId)}`,
  refuseDestination: (target, policy) => urlRefusal('url', target.url, policy),
  render: renderTelegram,
  send: sendTelegram,
});
