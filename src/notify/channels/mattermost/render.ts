// Mattermost incoming webhook: one Markdown post. Mattermost notifies on @channel, @all, @here and
// any @username, so every @ before a word in vendor text is broken with a zero-width space, and
// Markdown in vendor text is backslash-escaped so it shows as written (no forged links or images).
import type { VendorEvent } from '../../../domain/model.js';
import { humanize, messageFacts } from '../../message.js';
import { oneLine, truncateBackslashed } from '../../text.js';
import type { MessageContext } from '../../types.js';

/** A post holds 16383 characters; an alert stays well below, the link has the rest. */
const maxText = 4000;
const maxHeadline = 300;
const maxComponents = 500;

export interface MattermostMessage {
  text: string;
  username: 'vendorwatch';
}

/** Vendor text as literal Markdown that mentions nobody. */
export function escapeMattermost(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-!|<>~&]/g, (char) => `\\${char}`)
    .replace(/@(?=\w)/g, '@\u200b');
}

/** A Markdown link whose URL cannot close the link early. */
function link(url: string, label: string): string {
  const safe = url.replaceAll('(', '%28').replaceAll(')', '%29').replaceAll(' ', '%20');
  return `[${escapeMattermost(label)}](${safe})`;
}

export function renderMattermost(event: VendorEvent, context: MessageContext): MattermostMessage {
  const facts = messageFacts(event, context);
  const details = [
    facts.impact ? `**Impact:** ${facts.impact}` : null,
    facts.phase ? `**Phase:** ${humanize(facts.phase)}` : null,
  ].filter((part) => part !== null);
  const title = `#### ${escapeMattermost(oneLine(`${facts.label}: ${facts.headline}`, maxHeadline))}`;
  const lines = [
    details.length > 0 ? details.join(' · ') : null,
    facts.components.length > 0
      ? `**Components:** ${escapeMattermost(oneLine(facts.components.join(', '), maxComponents))}`
      : null,
    facts.window ? `**Window (UTC):** ${escapeMattermost(facts.window)}` : null,
    facts.links.length > 0 ? facts.links.map((l) => link(l.url, l.label)).join(' · ') : null,
  ].filter((line) => line !== null);
  const tail = lines.length > 0 ? `\n\n${lines.join('  \n')}` : '';
  // The update text gets what the title and the facts leave of the limit.
  const room = maxText - title.length - tail.length - 2;
  const body = facts.text ? `\n\n${truncateBackslashed(escapeMattermost(facts.text), room)}` : '';
  return { text: `${title}${body}${tail}`, username: 'vendorwatch' };
}
