// POSTs the embed to a Discord webhook (the URL is the secret). Discord answers 204.
import { postJson } from '../../http/post-json.js';
import type { SendOutcome, SendRequest } from '../../types.js';
import type { DiscordTarget } from './index.js';
import type { DiscordMessage } from './render.js';

export function sendDiscord(
  message: DiscordMessage,
  request: SendRequest<DiscordTarget>,
): Promise<SendOutcome> {
  return postJson(request.target.url, message, request);
}
