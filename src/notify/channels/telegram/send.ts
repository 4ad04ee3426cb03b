// POSTs sendMessage to https://api.telegram.org/bot<token>/sendMessage. The token is in the path,
// so it is taken out of anything this send reports (the dispatcher redacts again). Telegram says
// how long to wait in its answer (`parameters.retry_after`), not always in a Retry-After header;
// 400 (e.g. chat not found) and 403 (the bot was removed) are not retried, 429 and 5xx are.
import { classifyHttp } from '../../http/classify.js';
import { userAgent } from '../../http/post-json.js';
import type { SendOutcome, SendRequest } from '../../types.js';
import type { TelegramTarget } from './index.js';
import { defaultApiUrl, type TelegramMessage } from './render.js';

/** Telegram's wait, in seconds, from a 429 answer's JSON, or undefined. */
export function telegramRetryAfter(body: string): number | undefined {
  try {
    const parsed = JSON.parse(body) as { parameters?: { retry_after?: unknown } };
    const seconds = parsed.parameters?.retry_after;
    return typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0
      ? seconds
      : undefined;
  } catch {
    return undefined;
  }
}

function withoutToken(outcome: SendOutcome, token: string): SendOutcome {
  if (outcome.kind === 'sent') return outcome;
  let error = outcome.error;
  for (const form of [token, encodeURIComponent(token)])
    error = error.split(form).join('[redacted]');
  return { ...outcome, error };
}

export async function sendTelegram(
  message: TelegramMessage,
  request: SendRequest<TelegramTarget>,
): Promise<SendOutcome> {
  const { token, chatId, url } = request.target;
  const base = (url ?? defaultApiUrl).replace(/\/+$/, '');
  const result = await request.io.post(`${base}/bot${token}/sendMessage`, {
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ chat_id: chatId, ...message }),
    timeoutMs: request.timeoutMs,
    signal: request.signal,
  });
  const outcome = classifyHttp(result, request.now().getTime());
  if (outcome.kind === 'retry' && result.ok && result.reply.status === 429) {
    const seconds = telegramRetryAfter(result.reply.body);
    if (seconds !== undefined && outcome.retryAfterSeconds === undefined)
      return withoutToken({ ...outcome, retryAfterSeconds: seconds }, token);
  }
  return withoutToken(outcome, token);
}
