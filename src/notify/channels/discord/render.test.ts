import { describe, expect, it } from 'vitest';
import { discordMessage } from '../../test-support/service-shapes.js';
import {
  componentEvent,
  hostileContext,
  sampleContext,
  sampleEvent,
} from '../../test-support/samples.js';
import { escapeDiscord, renderDiscord } from './render.js';

describe('Discord embed message', () => {
  it('names vendor, incident, impact, phase, components, update text and links', () => {
    const message = renderDiscord(sampleEvent('incident.opened'), sampleContext());
    expect(discordMessage.safeParse(message).success).toBe(true);
    const [embed] = message.embeds;
    expect(embed.title).toBe('New incident: Balena: Elevated API Errors');
    expect(embed.url).toBe('http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4');
    expect(embed.description).toBe('We are investigating elevated API error rates.');
    expect(embed.fields.map((f) => [f.name, f.value])).toEqual([
      ['Vendor', 'Balena'],
      ['Impact', 'notice'],
      ['Phase', 'investigating'],
      ['Components', 'API, Dashboard'],
      ['View in vendorwatch', 'http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4'],
      ['Balena status page', 'https://status.balena.io/incidents/8gq2x9k1mlh4'],
    ]);
    expect(embed.color).toBe(0x3498db);
  });

  it('pings nobody and shows vendor Markdown as written', () => {
    const message = renderDiscord(sampleEvent('incident.updated'), hostileContext());
    expect(message.allowed_mentions).toEqual({ parse: [] });
    const text = JSON.stringify(message);
    expect(text).not.toMatch(/@everyone|@here|<@U|\[click\]\(/);
    expect(escapeDiscord('@everyone [x](y) *b*')).toBe('@\u200beveryone \\[x\\]\\(y\\) \\*b\\*');
    expect(discordMessage.safeParse(message).success).toBe(true);
  });

  it('stays within embed limits with a huge update', () => {
    const context = sampleContext();
    context.update!.bodyText = '*'.repeat(9000);
    context.incident!.components = Array.from({ length: 300 }, (_, i) => `Component ${i}`);
    const message = renderDiscord(sampleEvent('incident.updated'), context);
    expect(discordMessage.safeParse(message).success).toBe(true);
    expect(message.embeds[0].description!.endsWith('\\*…')).toBe(true);
  });

  it('colours a recovery green', () => {
    const message = renderDiscord(
      componentEvent({ from: 'partial_outage', to: 'operational' }),
      sampleContext({ incident: null, update: null }),
    );
    expect(message.embeds[0].color).toBe(0x2ecc71);
    expect(message.embeds[0].title).toBe('Component status changed: Balena: API is operational');
  });
});
