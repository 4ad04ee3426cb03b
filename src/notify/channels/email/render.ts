// Email: a plain-text and an HTML part saying the same thing. The subject is one line built from
// cleaned text (no CR/LF can reach a header); the HTML escapes everything the vendor wrote.
import type { VendorEvent } from '../../../domain/model.js';
import type { EventType } from '../../../domain/vocabulary.js';
import { humanize, messageFacts, type MessageFacts, type Tone } from '../../message.js';
import { oneLine } from '../../text.js';
import type { MessageContext } from '../../types.js';

const maxSubject = 200;

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
  /** The event it tells of; null for a message that is not about one (an invitation). */
  event: EventType | null;
  /** Messages about one incident share it, so mail clients thread them. */
  threadId: string | null;
}

const toneColors: Record<Tone, string> = {
  critical: '#b3261e',
  major: '#c25400',
  minor: '#8a6d00',
  info: '#1f5fa8',
  maintenance: '#6b3fa0',
  ok: '#1e7a3c',
};

/** For text and quoted attribute values of the HTML part. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function detailRows(facts: MessageFacts): Array<[string, string]> {
  const rows: Array<[string, string]> = [['Vendor', facts.vendor.name]];
  if (facts.impact) rows.push(['Impact', facts.impact]);
  if (facts.phase) rows.push(['Phase', humanize(facts.phase)]);
  if (facts.components.length > 0) rows.push(['Components', facts.components.join(', ')]);
  if (facts.window) rows.push(['Window (UTC)', facts.window]);
  return rows;
}

function textPart(facts: MessageFacts): string {
  const lines = [`${facts.label}: ${facts.headline}`, ''];
  for (const [name, value] of detailRows(facts)) lines.push(`${name}: ${value}`);
  if (facts.text) lines.push('', facts.text);
  if (facts.links.length > 0) lines.push('');
  for (const link of facts.links) lines.push(`${link.label}: ${link.url}`);
  lines.push('', '-- ', 'Sent by vendorwatch.');
  return `${lines.join('\n')}\n`;
}

function htmlPart(facts: MessageFacts): string {
  const rows = detailRows(facts)
    .map(
      ([name, value]) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const text = facts.text ? `<p style="white-space:pre-wrap">${escapeHtml(facts.text)}</p>` : '';
  const links = facts.links
    .map((link) => `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`)
    .join(' · ');
  return [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<p style="color:${toneColors[facts.tone]};font-weight:bold;margin:0">${escapeHtml(facts.label)}</p>`,
    `<h2 style="margin:4px 0 12px">${escapeHtml(facts.headline)}</h2>`,
    `<table>${rows}</table>`,
    text,
    links ? `<p>${links}</p>` : '',
    '<p style="color:#666;font-size:small">Sent by vendorwatch.</p>',
    '</body></html>',
  ].join('');
}

export function renderEmail(event: VendorEvent, context: MessageContext): EmailMessage {
  const facts = messageFacts(event, context);
  return {
    subject: oneLine(
      `[${facts.vendor.name}] ${facts.label}: ${facts.title ?? facts.headline}`,
      maxSubject,
    ),
    text: textPart(facts),
    html: htmlPart(facts),
    event: event.type,
    threadId: context.incident?.id ?? null,
  };
}
