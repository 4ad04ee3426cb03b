// A JSON POST through the guarded poster, classified. The chat services and PagerDuty use it.
import type { SendOutcome, SendRequest } from '../types.js';
import { classifyHttp } from './classify.js';

/** Receivers see who calls; no version, so it does not fingerprint the deployment. */
export const userAgent = 'vendorwatch-notifier';

export async function postJson(
  url: string | undefined,
  payload: unknown,
  request: SendRequest,
  extraHeaders: Record<string, string> = {},
): Promise<SendOutcome> {
  if (!url) return { kind: 'rejected', error: 'the target has no url' };
  const result = await request.io.post(url, {
    headers: { 'content-type': 'application/json', 'user-agent': userAgent, ...extraHeaders },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    timeoutMs: request.timeoutMs,
    signal: request.signal,
  });
  return classifyHttp(result, request.now().getTime());
}
