import { channelContract } from '../../test-support/channel-contract.js';
import type { Received } from '../../test-support/receiver.js';
import { telegramSendMessage } from '../../test-support/service-shapes.js';
import { telegramChannel } from './index.js';

const token = '7123456789:AAHt0kEnSecretPartForTesting_0123';

/** What the Bot API reads: the token in the path, a JSON sendMessage body. */
function check(request: Received): string | null {
  if (request.path !== `/bot${token}/sendMessage`) return `telegram: posted to another path`;
  if (request.headers['content-type'] !== 'application/json') return 'telegram: not JSON';
  const parsed = telegramSendMessage.safeParse(request.json);
  return parsed.success ? null : `telegram: ${parsed.error.message}`;
}

channelContract(telegramChannel, {
  // The API base is the receiver's origin, so the path is the Bot API's own.
  target: (url) => ({
    name: 'team-chat',
    type: 'telegram',
    url: new URL(url).origin,
    token,
    chatId: '-1001234567890',
  }),
  secrets: [token],
  transport: 'http',
  check,
});
