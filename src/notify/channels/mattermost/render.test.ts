import { describe, expect, it } from 'vitest';
import type { VendorEvent } from '../../../domain/model.js';
import {
  componentEvent,
  hostileContext,
  sampleContext,
  sampleEvent,
} from '../../test-support/samples.js';
import { mattermostMessage } from '../../test-support/service-shapes.js';
import type { MessageContext } from '../../types.js';
import { escapeMattermost, renderMattermost } from './render.js';

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
  '[View in vendorwatch](http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4) · ' +
  '[Balena status page](https://status.balena.io/incidents/8gq2x9k1mlh4)';

describe('Mattermost post', () => {
  it.each<[string, VendorEvent, MessageContext, string]>([
    [
      'incident.opened',
      sampleEvent('incident.opened'),
      sampleContext(),
      [
        '#### New incident: Balena: Elevated API Errors',
        '',
        'We are investigating elevated API error rates.',
        '',
        '**Impact:** notice · **Phase:** investigating  ',
        '**Components:** API, Dashboard  ',
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
        '#### Resolved: Balena: Elevated API Errors',
        '',
        'Fixed.',
        '',
        '**Impact:** notice · **Phase:** resolved  ',
        '**Components:** API, Dashboard  ',
        links,
      ].join('\n'),
    ],
    [
      'maintenance.scheduled',
      sampleEvent('maintenance.scheduled'),
      maintenance,
      [
        '#### Maintenance scheduled: Balena: Database upgrade',
        '',
        '**Impact:** maintenance · **Phase:** scheduled  ',
        '**Components:** API, Dashboard  ',
        '**Window (UTC):** 2025\\-09\\-11T02:00:00.000Z – 2025\\-09\\-11T04:00:00.000Z  ',
        links,
      ].join('\n'),
    ],
    [
      'component.status_changed',
      componentEvent({ to: 'major_outage' }),
      vendorOnly,
      expect.stringMatching(/^#### Component status changed: Balena: API is major outage\n/),
    ],
    [
      'vendor.unreachable',
      sampleEvent('vendor.unreachable'),
      { ...vendorOnly, pageUrl: null, vendor: { ...vendorOnly.vendor, statusPageUrl: null } },
      '#### Status page unreachable: Balena: status page unreachable\n\nvendorwatch cannot read the status page.',
    ],
  ])('renders %s', (_, event, context, text) => {
    const message = renderMattermost(event, context);
    expect(message).toEqual({ text, username: 'vendorwatch' });
    expect(mattermostMessage.safeParse(message).error).toBeUndefined();
  });

  it('escapes vendor Markdown and breaks @channel, @all, @here and @user mentions', () => {
    const context = hostileContext();
    context.update!.bodyText += ' @channel @all @here @alice ![img](https://evil.example/x.png)';
    const { text } = renderMattermost(sampleEvent('incident.updated'), context);
    expect(text).not.toMatch(/(^|[^\\])@(channel|all|here|alice|everyone)\b/);
    expect(text).not.toMatch(/(^|[^\\])\[click\]\(|(^|[^\\])!\[img\]|<script>/);
    expect(text).toContain('@\u200bchannel @\u200ball @\u200bhere @\u200balice');
    expect(text).toContain('\\[click\\]\\(javascript:alert\\(1\\)\\)');
    expect(text).toContain('\\*bold\\* \\_it\\_ \\`code\\`');
    // The only links are the two it adds itself.
    expect([...text.matchAll(/(?<!\\)\]\(/g)]).toHaveLength(2);
    expect(escapeMattermost('a_b *c* [d](e) @all')).toBe('a\\_b \\*c\\* \\[d\\]\\(e\\) @\u200ball');
  });

  it('keeps a huge update within the post limit without a dangling backslash', () => {
    const context = sampleContext();
    context.update!.bodyText = '*'.repeat(1500);
    context.incident!.components = Array.from({ length: 300 }, (_, i) => `Component_${i}`);
    const { text } = renderMattermost(sampleEvent('incident.updated'), context);
    expect(text.length).toBeLessThanOrEqual(4000);
    expect(text).not.toMatch(/[^\\]\\…/);
  });
});
