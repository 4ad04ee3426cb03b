import { describe, expect, it } from 'vitest';
import type { VendorEvent } from '../../../domain/model.js';
import {
  componentEvent,
  hostileContext,
  sampleContext,
  sampleEvent,
} from '../../test-support/samples.js';
import { telegramSendMessage } from '../../test-support/service-shapes.js';
import type { MessageContext } from '../../types.js';
import { escapeTelegram, renderTelegram } from './render.js';

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

/** What Telegram shows: the HTML subset read back to text. */
function shown(html: string): string {
  return html
    .replace(/<\/?(b|a)( href="[^"]*")?>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
}

describe('Telegram message', () => {
  it.each<[string, VendorEvent, MessageContext, string]>([
    [
      'incident.opened',
      sampleEvent('incident.opened'),
      sampleContext(),
      [
        '<b>New incident: Balena: Elevated API Errors</b>',
        'We are investigating elevated API error rates.',
        '',
        'Impact: notice · Phase: investigating',
        'Components: API, Dashboard',
        links,
      ].join('\n'),
    ],
    [
      'incident.resolved',
      sampleEvent('incident.resolved'),
      sampleContext({
        update: { ...sampleContext().update!, phase: 'resolved', bodyText: 'Fixed.' },
      }),
      [
        '<b>Resolved: Balena: Elevated API Errors</b>',
        'Fixed.',
        '',
        'Impact: notice · Phase: resolved',
        'Components: API, Dashboard',
        links,
      ].join('\n'),
    ],
    [
      'maintenance.scheduled',
      sampleEvent('maintenance.scheduled'),
      maintenance,
      expect.stringMatching(
        /^<b>Maintenance scheduled: Balena: Database upgrade<\/b>\n\nImpact: maintenance · Phase: scheduled\nComponents: API, Dashboard\nWindow \(UTC\): 2025-09-11T02:00:00.000Z – 2025-09-11T04:00:00.000Z\n/,
      ),
    ],
    [
      'component.status_changed',
      componentEvent({ to: 'major_outage' }),
      vendorOnly,
      expect.stringMatching(/^<b>Component status changed: Balena: API is major outage<\/b>\n/),
    ],
    [
      'vendor.unreachable',
      sampleEvent('vendor.unreachable'),
      { ...vendorOnly, pageUrl: null, vendor: { ...vendorOnly.vendor, statusPageUrl: null } },
      expect.stringMatching(/^<b>Status page unreachable: Balena: status page unreachable<\/b>/),
    ],
  ])('renders %s', (_, event, context, text) => {
    const message = renderTelegram(event, context);
    expect(message).toEqual({ text, parse_mode: 'HTML', disable_web_page_preview: true });
    expect(telegramSendMessage.safeParse({ chat_id: -100123, ...message }).error).toBeUndefined();
  });

  it('escapes vendor HTML and breaks @mentions, so vendor text shows as written', () => {
    const message = renderTelegram(sampleEvent('incident.updated'), hostileContext());
    const tags = [...message.text.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]);
    expect(new Set(tags)).toEqual(new Set(['b', 'a']));
    expect(message.text).not.toMatch(/<script|<https|@everyone|@here|javascript:alert\(1\)<\/a>/);
    expect(message.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(shown(message.text)).toContain(
      '<!channel> <@\u200bU123> @\u200beveryone @\u200bhere <script>alert(1)</script>',
    );
    expect(escapeTelegram('a&b <i>"x"</i> @all')).toBe(
      'a&amp;b &lt;i&gt;&quot;x&quot;&lt;/i&gt; @\u200ball',
    );
  });

  it('stays within 4096 characters without cutting an entity in half', () => {
    const context = sampleContext();
    context.update!.bodyText = '&'.repeat(1500);
    context.incident!.components = Array.from({ length: 300 }, (_, i) => `<Component ${i}>`);
    const message = renderTelegram(sampleEvent('incident.updated'), context);
    expect(message.text.length).toBeLessThanOrEqual(4096);
    expect(message.text).not.toMatch(/&[a-z]{0,4}…/);
    expect(telegramSendMessage.safeParse({ chat_id: 1, ...message }).error).toBeUndefined();
  });
});
