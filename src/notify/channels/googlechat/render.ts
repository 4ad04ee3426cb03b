// Google Chat incoming webhook: one card (cardsV2) with a header and text paragraphs. A card's
// text paragraphs read a small HTML subset (<b>, <a href>, <br>, …), so vendor text has &, <, >
// and " escaped and line breaks become <br>; the header is plain text, where angle brackets are
// shown as ‹ › so no `<users/all>` can ever read as a mention. No `text` part: that is where Chat
// reads mentions, and the card says everything.
import type { VendorEvent } from '../../../domain/model.js';
import { humanize, messageFacts } from '../../message.js';
import { oneLine } from '../../text.js';
import type { MessageContext } from '../../types.js';

const maxTitle = 200;
const maxSubtitle = 200;
const maxComponents = 500;

interface TextParagraph {
  textParagraph: { text: string };
}

export interface GoogleChatMessage {
  cardsV2: [
    {
      cardId: 'vendorwatch';
      card: {
        header: { title: string; subtitle: string };
        sections: Array<{ header?: string; widgets: TextParagraph[] }>;
      };
    },
  ];
}

/** Vendor text for a card's text paragraph: entities escaped, line breaks as <br>. */
export function escapeChatHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replace(/\r?\n/g, '<br>');
}

/** Plain header text: one line, no angle brackets. */
function headerText(text: string, max: number): string {
  return oneLine(text, max).replaceAll('<', '‹').replaceAll('>', '›');
}

const paragraph = (text: string): TextParagraph => ({ textParagraph: { text } });

export function renderGoogleChat(event: VendorEvent, context: MessageContext): GoogleChatMessage {
  const facts = messageFacts(event, context);
  const sections: GoogleChatMessage['cardsV2'][0]['card']['sections'] = [];
  if (facts.text) sections.push({ widgets: [paragraph(escapeChatHtml(facts.text))] });
  const lines = [
    facts.impact ? `<b>Impact:</b> ${facts.impact}` : null,
    facts.phase ? `<b>Phase:</b> ${humanize(facts.phase)}` : null,
    facts.components.length > 0
      ? `<b>Components:</b> ${escapeChatHtml(oneLine(facts.components.join(', '), maxComponents))}`
      : null,
    facts.window ? `<b>Window (UTC):</b> ${escapeChatHtml(facts.window)}` : null,
  ].filter((line) => line !== null);
  if (lines.length > 0) sections.push({ widgets: [paragraph(lines.join('<br>'))] });
  if (facts.links.length > 0) {
    const links = facts.links.map(
      (link) => `<a href="${escapeChatHtml(link.url)}">${escapeChatHtml(link.label)}</a>`,
    );
    sections.push({ widgets: [paragraph(links.join(' · '))] });
  }
  // A card needs a section; a message with no text, facts or links still says what happened.
  if (sections.length === 0)
    sections.push({ widgets: [paragraph(escapeChatHtml(facts.headline))] });
  return {
    cardsV2: [
      {
        cardId: 'vendorwatch',
        card: {
          header: {
            title: headerText(`${facts.label}: ${facts.headline}`, maxTitle),
            subtitle: headerText(facts.vendor.name, maxSubtitle),
          },
          sections,
        },
      },
    ],
  };
}
