// The add/edit form of each channel type, derived from the channel registry: its fields in the
// channel's order, which are required, which are secret (write-only on the page) and their hints.
// A new channel gets its form from its own definition, with no page code to write.
import type { z } from 'zod';
import type { ChannelDefinition } from '../notify/channel.js';
import { channelList } from '../notify/registry.js';
import type { WebChannelField, WebChannelForm } from '../web/api/targets.js';

/** How people name the channels; a new one falls back to its type name. */
const channelLabels: Record<string, string> = {
  webhook: 'Webhook',
  slack: 'Slack',
  discord: 'Discord',
  teams: 'Microsoft Teams',
  email: 'Email',
  pagerduty: 'PagerDuty',
  ntfy: 'ntfy',
  opsgenie: 'Opsgenie',
  googlechat: 'Google Chat',
  mattermost: 'Mattermost',
  telegram: 'Telegram',
};

/** Field names people read differently from how the config file spells them. */
const fieldLabels: Record<string, string> = {
  url: 'URL',
  smtp: 'SMTP URL',
  apiKey: 'API key',
  chatId: 'Chat id',
  routingKey: 'Routing key',
  secret: 'Signing secret',
  to: 'To (one address per line)',
};

function labelOf(key: string): string {
  const known = fieldLabels[key];
  if (known) return known;
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Zod's own description of the schema's kind: an array is a list field, all else is text. */
function kindOf(schema: z.ZodType): WebChannelField['kind'] {
  return (schema as { def?: { type?: string } }).def?.type === 'array' ? 'list' : 'text';
}

export function channelForm(channel: ChannelDefinition): WebChannelForm {
  return {
    type: channel.type,
    label: channelLabels[channel.type] ?? channel.type,
    summary: channel.summary,
    fields: Object.entries(channel.fields).map(([key, schema]) => ({
      key,
      label: labelOf(key),
      kind: kindOf(schema),
      required: channel.required.includes(key),
      secret: channel.secrets[key] !== undefined,
      hint: schema.description ?? null,
    })),
  };
}

export const channelForms: readonly WebChannelForm[] = channelList.map(channelForm);
