// What most channels share in their self-description: an http(s) URL field, a destination shown
// by scheme and host only, and the address guard's check on that URL.
import { z } from 'zod';
import { checkUrl, type AddressPolicy } from '../fetch/address-guard.js';
import type { ChannelTarget } from './channel.js';

/** An http(s) URL field (a webhook or an API endpoint). */
export const httpUrlField = z
  .string()
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), {
    message: 'must be an http(s) URL',
  })
  .meta({ format: 'uri' });

/** Where a URL sends, for people: scheme and host only (the path is often the secret). */
export function urlDestination(raw: string | undefined): string {
  try {
    const url = new URL(raw ?? '');
    return `${url.protocol}//${url.host}/…`;
  } catch {
    return '(no valid url)';
  }
}

/** Why the URL in `field` may not be used, or null (also when it is absent). */
export async function urlRefusal(
  field: string,
  raw: string | undefined,
  policy: AddressPolicy,
): Promise<string | null> {
  if (raw === undefined) return null;
  const checked = await checkUrl(raw, policy);
  return checked.ok ? null : `${field}: ${checked.reason}`;
}

const webhookUrlFields = { url: httpUrlField };
/** A target of a channel whose whole destination is one webhook URL. */
export type WebhookUrlTarget = ChannelTarget<typeof webhookUrlFields, 'url'>;

/**
 * The self-description of a channel whose whole destination is one webhook URL, a secret in full
 * (Slack, Discord, Teams): spread it into `defineChannel` beside the channel's own parts.
 */
export const webhookUrlDestination = {
  fields: webhookUrlFields,
  required: ['url'] as const,
  secrets: { url: 'url' } as const,
  fingerprint: ['url'] as const,
  describeDestination: (target: WebhookUrlTarget) => urlDestination(target.url),
  refuseDestination: (target: WebhookUrlTarget, policy: AddressPolicy) =>
    urlRefusal('url', target.url, policy),
};
