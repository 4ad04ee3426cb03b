// POSTs the text to the topic URL (its path is the secret, like a webhook's) through the guarded
// poster, with the access token, when there is one, as a bearer token. ntfy answers 200; 429
// and 5xx are retried, 401/403 (a wrong token) are not.
import { classifyHttp } from '../../http/classify.js';
import { userAgent } from '../../http/post-json.js';
import type { SendOutcome, SendRequest } from '../../types.js';
import type { NtfyTarget } from './index.js';
import { ntfyHeaders, type NtfyMessage } from './render.js';

export async function sendNtfy(
  message: NtfyMessage,
  request: SendRequest<NtfyTarget>,
): Promise<SendOutcome> {
  const { url, token } = request.target;
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    'user-agent': userAgent,
    ...ntfyHeaders(message),
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const result = await request.io.post(url, {
    headers,
    body: message.body,
    timeoutMs: request.timeoutMs,
    signal: request.signal,
  });
  return classifyHttp(result, request.now().getTime());
}
