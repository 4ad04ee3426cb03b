import { describe, expect, it } from 'vitest';
import type { VendorEvent } from '../../../domain/model.js';
import {
  componentEvent,
  hostileContext,
  sampleContext,
  sampleEvent,
} from '../../test-support/samples.js';
import type { MessageContext } from '../../types.js';
import { fitBytes, headerText, ntfyHeaders, renderNtfy, type NtfyMessage } from './render.js';

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
});
const critical = sampleContext({
  incident: { ...sampleContext().incident!, impact: 'critical' },
});
const vendorOnly = sampleContext({ incident: null, update: null });

describe('ntfy message', () => {
  it.each<[string, VendorEvent, MessageContext, Partial<NtfyMessage>]>([
    [
      'a new incident',
      sampleEvent('incident.opened'),
      sampleContext(),
      {
        title: 'New incident: Balena: Elevated API Errors',
        priority: 3,
        tags: ['information_source', 'balena'],
        click: 'http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4',
      },
    ],
    [
      'a critical incident',
      sampleEvent('incident.updated'),
      critical,
      { priority: 5, tags: ['rotating_light', 'balena'] },
    ],
    [
      'a resolution',
      sampleEvent('incident.resolved'),
      sampleContext(),
      {
        title: 'Resolved: Balena: Elevated API Errors',
        priority: 2,
        tags: ['white_check_mark', 'balena'],
      },
    ],
    [
      'scheduled maintenance',
      sampleEvent('maintenance.scheduled'),
      maintenance,
      {
        title: 'Maintenance scheduled: Balena: Database upgrade',
        priority: 2,
        tags: ['wrench', 'balena'],
      },
    ],
    [
      'a reminder',
      sampleEvent('maintenance.scheduled'),
      { ...maintenance, kind: 'reminder' },
      {
        title: 'Maintenance starts soon: Balena: Database upgrade',
        body: expect.stringMatching(/^Starts at 2025-09-11 02:00 UTC\./),
      },
    ],
    [
      'a component outage',
      componentEvent({ to: 'major_outage' }),
      vendorOnly,
      { title: 'Component status changed: Balena: API is major outage', priority: 5 },
    ],
    [
      'an unreachable status page',
      sampleEvent('vendor.unreachable'),
      { ...vendorOnly, pageUrl: null, vendor: { ...vendorOnly.vendor, statusPageUrl: null } },
      {
        title: 'Status page unreachable: Balena: status page unreachable',
        priority: 3,
        click: null,
      },
    ],
  ])('renders %s', (_, event, context, expected) => {
    expect(renderNtfy(event, context)).toMatchObject(expected);
  });

  it('says a stuck incident has had no vendor update since when, at a normal priority', () => {
    const stuck = sampleEvent('incident.stuck', {
      updateId: null,
      changes: {
        lastUpdateAt: { from: null, to: '2025-09-10T09:10:00.000Z' },
        stuckAfterSeconds: { from: null, to: 6 * 3600 },
      },
    });
    const message = renderNtfy(stuck, sampleContext());
    expect(message).toMatchObject({
      title: 'No vendor update for a while: Balena: Elevated API Errors',
      priority: 3,
    });
    expect(message.body.split('\n')[0]).toBe(
      'The incident is still open with no update from the vendor since 2025-09-10 09:10 UTC (more than 6 h).',
    );
  });

  it('puts the update first, then the facts and the links, in plain text', () => {
    expect(renderNtfy(sampleEvent('incident.opened'), sampleContext()).body).toBe(
      [
        'We are investigating elevated API error rates.',
        '',
        'Impact: notice · Phase: investigating',
        'Components: API, Dashboard',
        'View in vendorwatch: http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4',
        'Balena status page: https://status.balena.io/incidents/8gq2x9k1mlh4',
      ].join('\n'),
    );
    expect(renderNtfy(sampleEvent('maintenance.scheduled'), maintenance).body).toContain(
      'Window (UTC): 2025-09-11T02:00:00.000Z – 2025-09-11T04:00:00.000Z',
    );
  });

  it('keeps hostile vendor text out of the headers and the body under ntfy limits', () => {
    const context = hostileContext();
    context.update!.bodyText = '𝔘'.repeat(1400);
    context.incident!.title = `Outage\r\nX-Injected: yes ${'é'.repeat(600)}`;
    const message = renderNtfy(sampleEvent('incident.updated'), context);
    const headers = ntfyHeaders(message);
    for (const value of Object.values(headers)) expect(value).toMatch(/^[\x20-\x7e]+$/);
    expect(message.title).not.toMatch(/[\r\n]/);
    expect(message.title.length).toBeLessThanOrEqual(200);
    expect(Buffer.byteLength(message.body)).toBeLessThanOrEqual(4000);
    expect(message.body).not.toContain('\uFFFD');
  });
});

describe('ntfy headers', () => {
  it.each([
    ['Plain ASCII: fine', 'Plain ASCII: fine'],
    ['Störung — API', '=?UTF-8?B?U3TDtnJ1bmcg4oCUIEFQSQ==?='],
    ['=?UTF-8?B?Zm9yZ2Vk?=', '=?UTF-8?B?PT9VVEYtOD9CP1ptOXlaMlZrPz0=?='],
  ])('sends the title %j as %j', (title, header) => {
    expect(headerText(title)).toBe(header);
    const decoded = header.startsWith('=?')
      ? Buffer.from(header.slice(10, -2), 'base64').toString('utf8')
      : header;
    expect(decoded).toBe(title);
  });

  it('names the priority, the tags and the link, and leaves the token to the send', () => {
    const message = renderNtfy(sampleEvent('incident.opened'), sampleContext());
    expect(ntfyHeaders(message)).toEqual({
      title: 'New incident: Balena: Elevated API Errors',
      priority: '3',
      tags: 'information_source,balena',
      click: 'http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4',
    });
    expect(ntfyHeaders({ ...message, click: null })).not.toHaveProperty('click');
  });

  it.each([
    ['short', 10, 'short'],
    ['abcdefghij', 8, 'abcde…'],
    ['ééééé', 8, 'éé…'],
    ['𝔘𝔘𝔘', 9, '𝔘…'],
  ])('cuts %j to %i bytes as %j', (text, max, cut) => {
    expect(fitBytes(text, max)).toBe(cut);
    expect(Buffer.byteLength(fitBytes(text, max))).toBeLessThanOrEqual(max);
  });
});
