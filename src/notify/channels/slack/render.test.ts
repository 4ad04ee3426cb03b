import { describe, expect, it } from 'vitest';
import { slackMessage } from '../../test-support/service-shapes.js';
import { hostileContext, sampleContext, sampleEvent } from '../../test-support/samples.js';
import { escapeSlack, renderSlack, truncateEscaped } from './render.js';

describe('Slack Block Kit message', () => {
  it('names vendor, incident, impact, phase, components, update text and links', () => {
    const message = renderSlack(sampleEvent('incident.opened'), sampleContext());
    expect(slackMessage.safeParse(message).success).toBe(true);
    expect(message.text).toBe('New incident: Balena: Elevated API Errors');
    const text = JSON.stringify(message.blocks);
    for (const fact of [
      '*Vendor*\\nBalena',
      '*Impact*\\nnotice',
      '*Phase*\\ninvestigating',
      '*Components*\\nAPI, Dashboard',
    ]) {
      expect(text).toContain(fact);
    }
    expect(text).toContain('We are investigating elevated API error rates.');
    expect(text).toContain(
      '<http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4|View in vendorwatch>',
    );
    expect(text).toContain('<https://status.balena.io/incidents/8gq2x9k1mlh4|Balena status page>');
  });

  it('escapes vendor text so it cannot mention @channel, users or forge links', () => {
    const message = renderSlack(sampleEvent('incident.updated'), hostileContext());
    const mrkdwn = message.blocks
      .flatMap((block) =>
        'text' in block && block.text
          ? [block.text]
          : 'fields' in block
            ? (block.fields ?? [])
            : block.type === 'context'
              ? block.elements
              : [],
      )
      .filter((text) => text.type === 'mrkdwn')
      .map((text) => text.text)
      .join('\n');
    expect(mrkdwn).not.toMatch(/<!channel>|<!here>|<@U123>|<@U999>|<https:\/\/evil/);
    expect(mrkdwn).toContain('&lt;!channel&gt;');
    expect(message.text).not.toContain('<!here>');
    expect(slackMessage.safeParse(message).success).toBe(true);
  });

  it('keeps every text within Slack limits without cutting an entity in half', () => {
    const context = sampleContext();
    context.update!.bodyText = '<'.repeat(5000);
    context.incident!.title = 'T'.repeat(400);
    const message = renderSlack(sampleEvent('incident.updated'), context);
    expect(slackMessage.safeParse(message).success).toBe(true);
    const section = message.blocks.find((b) => b.type === 'section' && 'text' in b && b.text);
    const text = section && 'text' in section ? section.text!.text : '';
    expect(text.endsWith('&lt;…')).toBe(true);
    expect(truncateEscaped(escapeSlack('a&b'), 4)).toBe('a…');
  });
});
