// POSTs the webhook body with its X-Vendorwatch-Event, -Delivery and -Signature headers.
import { postJson } from '../../http/post-json.js';
import type { SendOutcome, SendRequest } from '../../types.js';
import type { WebhookTarget } from './index.js';
import { webhookSignature, type WebhookBody } from './render.js';

export function sendWebhook(
  payload: WebhookBody,
  request: SendRequest<WebhookTarget>,
): Promise<SendOutcome> {
  const { target } = request;
  // Signed over the exact bytes sent; the timestamp is this attempt's, the key every attempt's.
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'x-vendorwatch-event': payload.type,
    'x-vendorwatch-delivery': request.deliveryKey,
  };
  if (target.secret) {
    const unixSeconds = Math.floor(request.now().getTime() / 1000);
    headers['x-vendorwatch-signature'] = webhookSignature(body, target.secret, unixSeconds);
  }
  return postJson(target.url, body, request, headers);
}
