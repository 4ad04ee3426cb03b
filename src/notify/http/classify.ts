// What an HTTP answer means for a delivery (Standard Webhooks, Statuspage, the chat services):
// any 2xx is delivered; 410 disables the target; 408, 425, 429 and 5xx are retried, honouring
// Retry-After; a 3xx is a failure and is not followed; any other 4xx will never be accepted.
import { parseRetryAfter } from '../../fetch/retry-after.js';
import { oneLine } from '../text.js';
import type { SendOutcome } from '../types.js';
import type { HttpResult } from './post.js';

const retriedStatuses = new Set([408, 425, 429]);
/** Enough of a receiver's answer to say why it refused, not enough to echo a page at us. */
const maxDetail = 200;

export function classifyHttp(result: HttpResult, nowMs: number): SendOutcome {
  if (!result.ok) {
    return result.refused
      ? { kind: 'rejected', error: result.error }
      : { kind: 'retry', error: result.error };
  }
  const { status, body, retryAfter } = result.reply;
  if (status >= 200 && status < 300) return { kind: 'sent', detail: `HTTP ${status}` };
  const detail = body.trim() ? `: ${oneLine(body, maxDetail)}` : '';
  if (status === 410) return { kind: 'gone', error: `HTTP 410 Gone${detail}` };
  if (status >= 300 && status < 400) {
    return { kind: 'retry', error: `HTTP ${status} (redirects are not followed)` };
  }
  if (status >= 500 || retriedStatuses.has(status)) {
    const seconds = parseRetryAfter(retryAfter, nowMs);
    return seconds === undefined
      ? { kind: 'retry', error: `HTTP ${status}${detail}` }
      : { kind: 'retry', error: `HTTP ${status}${detail}`, retryAfterSeconds: seconds };
  }
  return { kind: 'rejected', error: `HTTP ${status}${detail}` };
}
