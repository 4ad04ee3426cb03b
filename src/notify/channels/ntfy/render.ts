// ntfy (ntfy.sh or a self-hosted server): the message is the plain-text POST body; the title,
// priority, tags and click-through link travel as headers. A body over 4096 bytes would arrive
// as an attachment and a title over 1 KB is refused, so both are cut well below.
import type { VendorEvent } from '../../../domain/model.js';
import { humanize, messageFacts, type Tone } from '../../message.js';
import { oneLine } from '../../text.js';
import type { MessageContext } from '../../types.js';

const maxTitle = 200;
const maxBodyBytes = 4000;
const maxComponents = 500;

/** ntfy's priorities: 1 min, 2 low, 3 default, 4 high, 5 urgent. */
type NtfyPriority = 1 | 2 | 3 | 4 | 5;

export interface NtfyMessage {
  title: string;
  body: string;
  priority: NtfyPriority;
  /** Tag names that are emoji shortcodes show as emoji in the ntfy apps. */
  tags: string[];
  click: string | null;
}

const priorities: Record<Tone, NtfyPriority> = {
  critical: 5,
  major: 4,
  minor: 3,
  info: 3,
  maintenance: 2,
  ok: 2,
};

const emoji: Record<Tone, string> = {
  critical: 'rotating_light',
  major: 'red_circle',
  minor: 'warning',
  info: 'information_source',
  maintenance: 'wrench',
  ok: 'white_check_mark',
};

/** Cuts to at most `maxBytes` of UTF-8 without splitting a character, marking the cut with "…". */
export function fitBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes - Buffer.byteLength('…');
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return `${bytes.subarray(0, end).toString('utf8')}…`;
}

export function renderNtfy(event: VendorEvent, context: MessageContext): NtfyMessage {
  const facts = messageFacts(event, context);
  const details = [
    facts.impact ? `Impact: ${facts.impact}` : null,
    facts.phase ? `Phase: ${humanize(facts.phase)}` : null,
  ].filter((part) => part !== null);
  const lines = [
    facts.text ?? facts.headline,
    '',
    details.length > 0 ? details.join(' · ') : null,
    facts.components.length > 0
      ? oneLine(`Components: ${facts.components.join(', ')}`, maxComponents)
      : null,
    facts.window ? `Window (UTC): ${facts.window}` : null,
    ...facts.links.map((link) => `${link.label}: ${link.url}`),
  ].filter((line) => line !== null);
  return {
    title: oneLine(`${facts.label}: ${facts.headline}`, maxTitle),
    body: fitBytes(lines.join('\n').trim(), maxBodyBytes),
    priority: priorities[facts.tone],
    tags: [emoji[facts.tone], facts.vendor.slug],
    click: facts.links[0]?.url ?? null,
  };
}

/** Header values are Latin-1 at best: other text goes RFC 2047-encoded, which ntfy decodes. */
export function headerText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text) && !text.includes('=?')) return text;
  return `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
}

/** The headers that carry everything but the body (the send adds the access token). */
export function ntfyHeaders(message: NtfyMessage): Record<string, string> {
  const headers: Record<string, string> = {
    title: headerText(message.title),
    priority: String(message.priority),
    tags: message.tags.join(','),
  };
  if (message.click) headers.click = message.click;
  return headers;
}
