// POSTs to the Events API v2 with the routing key (the secret). PagerDuty answers 202; a 400
// means the event is invalid and is not retried; 429 and 5xx are.
import { postJson } from '../../http/post-json.js';
import type { SendOutcome, SendRequest } from '../../types.js';
import type { PagerDutyTarget } from './index.js';
import { defaultEventsUrl, type PagerDutyEvent } from './render.js';

export function sendPagerDuty(
  event: PagerDutyEvent,
  request: SendRequest<PagerDutyTarget>,
): Promise<SendOutcome> {
  const { routingKey, url } = request.target;
  if (!routingKey)
    return Promise.resolve({ kind: 'rejected', error: 'the target has no routingKey' });
  return postJson(url ?? defaultEventsUrl, { routing_key: routingKey, ...event }, request);
}
