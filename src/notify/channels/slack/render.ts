// Slack incoming webhook: Block Kit with a plain-text fallback. Slack parses <…> in mrkdwn as
// mentions and links (<!channel>, <@U…>, <url|label>), so vendor text has &, < and > escaped.
import type { VendorEvent } from '../../../domain/model.js';
import { humanize, messageFacts } from '../../message.js';
import { truncate } from '../../text.js';
import type { MessageContext } from '../../types.js';

// Slack's documented limits: header text 150, section text 3000, field text 2000.
const maxHeader = 150;
const maxSection = 3000;
const maxField = 2000;

type Text = { type: 'mrkdwn'; text: string } | { type: 'plain_text'; text: string; emoji: false };
type SlackBlock =
  | { type: 'header'; text: Extract<Text, { type: 'plain_text' }> }
  | { type: 'section'; text?: Text; fields?: Text[] }
  | { type: 'context'; elements: Text[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

export function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Cuts escaped text without leaving half an entity (&amp;) at the end. */
export function truncateEscaped(text: string, max: number): string {
  const cut = truncate(text, max);
  if (cut === text) return text;
  const partial = /&[a-z]{0,4}…$/.exec(cut);
  return partial ? `${cut.slice(0, partial.index)}…` : cut;
}

/** A link Slack cannot misread: no |, < or > inside the URL. */
function slackLink(url: string, label: string): string {
  const safe = url.replaceAll('|', '%7C').replaceAll('<', '%3C').replaceAll('>', '%3E');
  return `<${safe}|${escapeSlack(label)}>`;
}

function field(name: string, value: string): Text {
  return { type: 'mrkdwn', text: truncateEscaped(`*${name}*\n${escapeSlack(value)}`, maxField) };
}

export function renderSlack(event: VendorEvent, context: MessageContext): SlackMessage {
  const facts = messageFacts(event, context);
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncate(`${facts.label}: ${facts.headline}`, maxHeader),
        emoji: false,
      },
    },
  ];
  const fields: Text[] = [field('Vendor', facts.vendor.name)];
  if (facts.impact) fields.push(field('Impact', facts.impact));
  if (facts.phase) fields.push(field('Phase', humanize(facts.phase)));
  if (facts.components.length > 0) fields.push(field('Components', facts.components.join(', ')));
  if (facts.window) fields.push(field('Window (UTC)', facts.window));
  blocks.push({ type: 'section', fields });
  if (facts.text) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncateEscaped(escapeSlack(facts.text), maxSection) },
    });
  }
  if (facts.links.length > 0) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: facts.links.map((link) => slackLink(link.url, link.label)).join(' · '),
        },
      ],
    });
  }
  return {
    text: truncateEscaped(escapeSlack(`${facts.label}: ${facts.headline}`), maxSection),
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  };
}
