import { describe, expect, it } from 'vitest';
import { teamsMessage } from '../../test-support/service-shapes.js';
import { hostileContext, sampleContext, sampleEvent } from '../../test-support/samples.js';
import { escapeTeams, renderTeams } from './render.js';

describe('Teams Workflows message with an Adaptive Card', () => {
  it('names vendor, incident, impact, phase, components, update text and links', () => {
    const message = renderTeams(sampleEvent('incident.resolved'), sampleContext());
    expect(teamsMessage.safeParse(message).success).toBe(true);
    const card = message.attachments[0].content;
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'Resolved', color: 'Good' });
    expect(card.body[1]).toMatchObject({ type: 'TextBlock', text: 'Balena: Elevated API Errors' });
    expect(card.body[2]).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'Vendor', value: 'Balena' },
        { title: 'Impact', value: 'notice' },
        { title: 'Phase', value: 'investigating' },
        { title: 'Components', value: 'API, Dashboard' },
      ],
    });
    expect(card.body[3]).toMatchObject({ text: 'We are investigating elevated API error rates.' });
    expect(card.actions.map((a) => a.url)).toEqual([
      'http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4',
      'https://status.balena.io/incidents/8gq2x9k1mlh4',
    ]);
  });

  it('escapes the Markdown cards render, so vendor text cannot forge links or lists', () => {
    const message = renderTeams(sampleEvent('incident.updated'), hostileContext());
    expect(teamsMessage.safeParse(message).success).toBe(true);
    expect(JSON.stringify(message)).not.toContain('[click](javascript');
    expect(escapeTeams('- item\n1. first [a](b) *x*')).toBe(
      '\\- item\n\\1. first \\[a\\]\\(b\\) \\*x\\*',
    );
  });
});
