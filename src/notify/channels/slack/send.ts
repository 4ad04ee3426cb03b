// POSTs a Block Kit message to a Slack incoming webhook (the URL is the secret).
import { postJson } from '../../http/post-json.js';
import type { SendOutcome, SendRequest } from '../../types.js';
import type { SlackTarget } from './index.js';
import type { SlackMessage } from './render.js';

export function sendSlack(
  message: SlackMessage,
  request: SendRequest<SlackTarget>,
): Promise<SendOutcome> {
  return postJson(request.target.url, message, request);
}
