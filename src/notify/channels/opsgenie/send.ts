// POSTs to the Alerts API v2 with the API key (the secret) as `Authorization: GenieKey …`: a create
// to /v2/alerts, a close to /v2/alerts/{alias}/close?identifierType=alias. Opsgenie answers 202
// and processes the request later, so a 202 is as far as a delivery can know; 422 (invalid) and
// 401/403 (a wrong key) are not retried, 429 and 5xx are.
import { postJson } from '../../http/post-json.js';
import type { SendOutcome, SendRequest } from '../../types.js';
import type { OpsgenieTarget } from './index.js';
import { defaultApiUrl, type OpsgenieRequest } from './render.js';

/** The endpoint for this request, under the API base (the EU one, or a test's receiver). */
export function opsgenieUrl(base: string, request: OpsgenieRequest): string {
  const root = base.replace(/\/+$/, '');
  if (request.action === 'create') return `${root}/v2/alerts`;
  return `${root}/v2/alerts/${encodeURIComponent(request.alias)}/close?identifierType=alias`;
}

export function sendOpsgenie(
  request: OpsgenieRequest,
  send: SendRequest<OpsgenieTarget>,
): Promise<SendOutcome> {
  const { apiKey, url } = send.target;
  return postJson(opsgenieUrl(url ?? defaultApiUrl, request), request.body, send, {
    authorization: `GenieKey ${apiKey}`,
  });
}
