// Discord webhook: one embed. Mentions are switched off twice (allowed_mentions parses nothing,
// and @everyone/@here/<@…> in vendor text are broken up), and Markdown in vendor text is escaped.
import type { VendorEvent } from '../../../domain/model.js';
import { humanize, messageFacts, type Tone } from '../../message.js';
import { truncate, truncateBackslashed } from '../../text.js';
import type { MessageContext } from '../../types.js';

// Discord's documented embed limits.
const maxTitle = 256;
const maxDescription = 4096;
const maxFieldValue = 1024;
const maxFooter = 2048;

interface DiscordEmbed {
  title: string;
  url?: string;
  description?: string;
  color: number;
  fields: Array<{ name: string; value: string; inline: boolean }>;
  timestamp: string;
  footer: { text: string };
}

export interface DiscordMessage {
  username: string;
  allowed_mentions: { parse: [] };
  embeds: [DiscordEmbed];
}

const colors: Record<Tone, number> = {
  critical: 0xe01e5a,
  major: 0xe67e22,
  minor: 0xf1c40f,
  info: 0x3498db,
  maintenance: 0x9b59b6,
  ok: 0x2ecc71,
};

/** Breaks mentions and escapes Markdown, so vendor text shows as written and pings nobody. */
export function escapeDiscord(text: string): string {
  return text
    .replace(/[\\*_~`|>[\]()#-]/g, (char) => `\\${char}`)
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<([@#&!:])/g, '<\u200b$1');
}

function fit(text: string, max: number): string {
  return truncateBackslashed(escapeDiscord(text), max);
}

export function renderDiscord(event: VendorEvent, context: MessageContext): DiscordMessage {
  const facts = messageFacts(event, context);
  const fields: DiscordEmbed['fields'] = [
    { name: 'Vendor', value: fit(facts.vendor.name, maxFieldValue), inline: true },
  ];
  if (facts.impact) fields.push({ name: 'Impact', value: facts.impact, inline: true });
  if (facts.phase) fields.push({ name: 'Phase', value: humanize(facts.phase), inline: true });
  if (facts.components.length > 0) {
    fields.push({
      name: 'Components',
      value: fit(facts.components.join(', '), maxFieldValue),
      inline: false,
    });
  }
  if (facts.window) fields.push({ name: 'Window (UTC)', value: facts.window, inline: false });
  for (const link of facts.links) {
    fields.push({ name: fit(link.label, 256), value: link.url, inline: false });
  }
  const embed: DiscordEmbed = {
    title: fit(`${facts.label}: ${facts.headline}`, maxTitle),
    color: colors[facts.tone],
    fields,
    timestamp: facts.at,
    footer: { text: truncate('vendorwatch', maxFooter) },
  };
  const first = facts.links[0];
  if (first) embed.url = first.url;
  if (facts.text) embed.description = fit(facts.text, maxDescription);
  return { username: 'vendorwatch', allowed_mentions: { parse: [] }, embeds: [embed] };
}
