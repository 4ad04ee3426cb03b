// POSTs the post to the incoming webhook (the hook key in its path is the secret). Mattermost
// answers 200 "ok"; 400 (bad payload) and 403/404 (hook disabled or deleted) are not retried.
import { postJson } from '../../http/post-json.js';
import type { SendOutcome, SendRequest } from '../../types.js';
import type { MattermostTarget } from './index.js';
import type { MattermostMessage } from './render.js';

export function sendMattermost(
  message: MattermostMessage,
  request: SendRequest<MattermostTarget>,
): Promise<SendOutcome> {
  return postJson(request.target.url, message, request);
}
