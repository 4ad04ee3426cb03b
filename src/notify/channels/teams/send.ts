// POSTs the card to a Teams Workflows webhook (the URL, with its sig parameter, is the secret).
import { postJson } from '../../http/post-json.js';
import type { SendOutcome, SendRequest } from '../../types.js';
import type { TeamsTarget } from './index.js';
import type { TeamsMessage } from './render.js';

export function sendTeams(
  message: TeamsMessage,
  request: SendRequest<TeamsTarget>,
): Promise<SendOutcome> {
  return postJson(request.target.url, message, request);
}
