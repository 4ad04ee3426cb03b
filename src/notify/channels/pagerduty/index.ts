// PagerDuty Events API v2: the routing key is the secret; url only points tests elsewhere.
import { z } from 'zod';
import { defineChannel, type ChannelTarget } from '../../channel.js';
import { httpUrlField, urlDestination, urlRefusal } from '../../channel-kit.js';
import { defaultEventsUrl, renderPagerDuty } from './render.js';
import { sendPagerDuty } from './send.js';

const fields = { url: httpUrlField, routingKey: z.string().min(1) };
export type PagerDutyTarget = ChannelTarget<typeof fields, 'routingKey'>;

export const pagerdutyChannel = defineChannel({
  type: 'pagerduty',
  summary: 'PagerDuty Events API v2 (routingKey).',
  fields,
  required: ['routingKey'],
  secrets: { url: 'url', routingKey: 'text' },
  fingerprint: ['url', 'routingKey'],
  coalesce: true,
  minIntervalMs: 0,
  reminders: false,
  describeDestination: (target) => urlDestination(target.url ?? defaultEventsUrl),
  refuseDestination: (target, policy) => urlRefusal('url', target.url, policy),
  render: renderPagerDuty,
  send: sendPagerDuty,
});
