import { describe, expect, it } from 'vitest';
import type { VendorEvent } from '../../../domain/model.js';
import {
  componentEvent,
  hostileContext,
  sampleContext,
  sampleEvent,
} from '../../test-support/samples.js';
import { googleChatMessage } from '../../test-support/service-shapes.js';
import type { MessageContext } from '../../types.js';
import { escapeChatHtml, renderGoogleChat, type GoogleChatMessage } from './render.js';

const maintenance = sampleContext({
  incident: {
    ...sampleContext().incident!,
    title: 'Database upgrade',
    kind: 'maintenance',
    impact: 'maintenance',
    phase: 'scheduled',
    scheduledFor: '2025-09-11T02:00:00.000Z',
    scheduledUntil: '2025-09-11T04:00:00.000Z',
  },
  update: null,
});
const vendorOnly = sampleContext({ incident: null, update: null });
const links =
  '<a href="http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4">View in vendorwatch</a> · ' +
  '<a href="https://status.balena.io/incidents/8gq2x9k1mlh4">Balena status page</a>';

/** The card's header and its paragraphs, in order. */
function card(message: GoogleChatMessage): string[] {
  const { header, sections } = message.cardsV2[0].card;
  return [
    header.title,
    header.subtitle,
    ...sections.flatMap((s) => s.widgets.map((w) => w.textParagraph.text)),
  ];
}

describe('Google Chat card', () => {
  it.each<[string, VendorEvent, MessageContext, string[]]>([
    [
      'incident.opened',
      sampleEvent('incident.opened'),
      sampleContext(),
      [
        'New incident: Balena: Elevated API Errors',
        'Balena',
        'We are investigating elevated API error rates.',
        '<b>Impact:</b> notice<br><b>Phase:</b> investigating<br><b>Components:</b> API, Dashboard',
        links,
      ],
    ],
    [
      'incident.resolved',
      sampleEvent('incident.resolved'),
      sampleContext({
        update: { ...sampleContext().update!, phase: 'resolved', bodyText: 'Fixed.\nAll good.' },
      }),
      [
        'Resolved: Balena: Elevated API Errors',
        'Balena',
        'Fixed.<br>All good.',
        '<b>Impact:</b> notice<br><b>Phase:</b> resolved<br><b>Components:</b> API, Dashboard',
        links,
      ],
    ],
    [
      'maintenance.scheduled',
      sampleEvent('maintenance.scheduled'),
      maintenance,
      [
        'Maintenance scheduled: Balena: Database upgrade',
        'Balena',
        '<b>Impact:</b> maintenance<br><b>Phase:</b> scheduled<br><b>Components:</b> API, Dashboard' +
          '<br><b>Window (UTC):</b> 2025-09-11T02:00:00.000Z – 2025-09-11T04:00:00.000Z',
        links,
      ],
    ],
    [
      'component.status_changed',
      componentEvent({ to: 'major_outage' }),
      vendorOnly,
      expect.arrayContaining(['Component status changed: Balena: API is major outage']),
    ],
    [
      'vendor.unreachable',
      sampleEvent('vendor.unreachable'),
      { ...vendorOnly, pageUrl: null, vendor: { ...vendorOnly.vendor, statusPageUrl: null } },
      [
        'Status page unreachable: Balena: status page unreachable',
        'Balena',
        'vendorwatch cannot read the status page.',
      ],
    ],
  ])('renders %s', (_, event, context, expected) => {
    const message = renderGoogleChat(event, context);
    expect(card(message)).toEqual(expected);
    expect(message.cardsV2[0].cardId).toBe('vendorwatch');
    expect(googleChatMessage.safeParse(message).error).toBeUndefined();
  });

  it('keeps vendor HTML, mentions and links inert', () => {
    const context = hostileContext();
    context.update!.bodyText += ' <users/all> <users/123456> <a href="https://evil.example">x</a>';
    context.vendor.name = 'Evil <users/all> Vendor';
    const message = renderGoogleChat(sampleEvent('incident.updated'), context);
    const text = card(message).join('\n');
    expect(text).not.toMatch(/<users\/|<script|<a href="https:\/\/evil|<https:\/\/evil|<!here>/);
    expect(text).toContain('&lt;users/all&gt; &lt;users/123456&gt;');
    expect(message.cardsV2[0].card.header.subtitle).toBe('Evil ‹users/all› Vendor');
    expect(message.cardsV2[0].card.header.title).not.toMatch(/[\r\n<>]/);
    const anchors = [...text.matchAll(/<a href="([^"]*)">/g)].map((m) => m[1]);
    expect(anchors).toEqual([
      'http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4',
      'https://status.balena.io/incidents/8gq2x9k1mlh4',
    ]);
    expect(escapeChatHtml('a&b <b>"x"</b>\r\ny')).toBe(
      'a&amp;b &lt;b&gt;&quot;x&quot;&lt;/b&gt;<br>y',
    );
    expect(googleChatMessage.safeParse(message).error).toBeUndefined();
    expect(message).not.toHaveProperty('text');
  });

  it('stays within the 32,000-byte message limit with a huge update', () => {
    const context = sampleContext();
    context.update!.bodyText = '<&>'.repeat(2000);
    context.incident!.components = Array.from({ length: 500 }, (_, i) => `<Component ${i}>`);
    const message = renderGoogleChat(sampleEvent('incident.updated'), context);
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(32_000);
  });
});
