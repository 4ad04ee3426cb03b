// Telegram Bot API sendMessage with parse_mode HTML: the only markup Telegram then reads is its
// small HTML subset, so vendor text has &, < and > escaped, and an @ in it is broken up so a
// vendor cannot mention a member of the chat. Link previews are off: the links are ours.
import type { VendorEvent } from '../../../domain/model.js';
import { humanize, messageFacts } from '../../message.js';
import { oneLine, truncate } from '../../text.js';
import type { MessageContext } from '../../types.js';

/** Telegram's limit is 4096 characters after entities are parsed; escaped text is longer. */
const maxText = 4096;
const maxHeadline = 300;
const maxComponents = 500;
export const defaultApiUrl = 'https://api.telegram.org';

/** The sendMessage body without chat_id: the send adds the target's. */
export interface TelegramMessage {
  text: string;
  parse_mode: 'HTML';
  disable_web_page_preview: true;
}

/** Text for Telegram's HTML: entities escaped, mentions broken with a zero-width space. */
export function escapeTelegram(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replace(/@(?=\w)/g, '@\u200b');
}

/** Cuts escaped text without leaving half an entity (&amp;) at the end. */
export function truncateEscaped(text: string, max: number): string {
  const cut = truncate(text, max);
  if (cut === text) return text;
  const partial = /&[a-z]{0,5}…$/.exec(cut);
  return partial ? `${cut.slice(0, partial.index)}…` : cut;
}

function link(url: string, label: string): string {
  return `<a href="${escapeTelegram(url)}">${escapeTelegram(label)}</a>`;
}

export function renderTelegram(event: VendorEvent, context: MessageContext): TelegramMessage {
  const facts = messageFacts(event, context);
  const details = [
    facts.impact ? `Impact: ${facts.impact}` : null,
    facts.phase ? `Phase: ${humanize(facts.phase)}` : null,
  ].filter((part) => part !== null);
  const title = `<b>${escapeTelegram(oneLine(`${facts.label}: ${facts.headline}`, maxHeadline))}</b>`;
  const lines = [
    details.length > 0 ? escapeTelegram(details.join(' · ')) : null,
    facts.components.length > 0
      ? escapeTelegram(oneLine(`Components: ${facts.components.join(', ')}`, maxComponents))
      : null,
    facts.window ? escapeTelegram(`Window (UTC): ${facts.window}`) : null,
    facts.links.length > 0 ? facts.links.map((l) => link(l.url, l.label)).join(' · ') : null,
  ].filter((line) => line !== null);
  const tail = lines.length > 0 ? `\n\n${lines.join('\n')}` : '';
  // The update text gets what the title and the facts leave of the limit.
  const room = maxText - title.length - tail.length - 2;
  const body = facts.text ? `\n${truncateEscaped(escapeTelegram(facts.text), room)}` : '';
  return { text: `${title}${body}${tail}`, parse_mode: 'HTML', disable_web_page_preview: true };
}
