// POSTs the card to the space's webhook URL (its key and token query values are the secret).
// Google Chat answers 200; 400 (bad card) and 403/404 (webhook removed) are not retried, 429 (one
// message a second per space) and 5xx are.
import { postJson } from '../../http/post-json.js';
import type { SendOutcome, SendRequest } from '../../types.js';
import type { GoogleChatTarget } from './index.js';
import type { GoogleChatMessage } from './render.js';

export function sendGoogleChat(
  message: GoogleChatMessage,
  request: SendRequest<GoogleChatTarget>,
): Promise<SendOutcome> {
  return postJson(request.target.url, message, request);
}
