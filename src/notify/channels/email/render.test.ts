import { describe, expect, it } from 'vitest';
import { hostileContext, sampleContext, sampleEvent } from '../../test-support/samples.js';
import { renderEmail } from './render.js';

describe('email message', () => {
  it('says the same in text and HTML: vendor, incident, impact, phase, components, text, links', () => {
    const message = renderEmail(sampleEvent('incident.opened'), sampleContext());
    expect(message.subject).toBe('[Balena] New incident: Elevated API Errors');
    expect(message.threadId).toBe('balena-8gq2x9k1mlh4');
    for (const part of [message.text, message.html]) {
      for (const fact of [
        'Balena',
        'Elevated API Errors',
        'notice',
        'investigating',
        'API, Dashboard',
        'We are investigating elevated API error rates.',
      ]) {
        expect(part).toContain(fact);
      }
    }
    expect(message.text).toContain(
      'View in vendorwatch: http://127.0.0.1:3000/incidents/balena-8gq2x9k1mlh4',
    );
    expect(message.html).toContain(
      '<a href="https://status.balena.io/incidents/8gq2x9k1mlh4">Balena status page</a>',
    );
  });

  it('keeps the subject on one line and escapes every vendor string in the HTML', () => {
    const message = renderEmail(sampleEvent('incident.updated'), hostileContext());
    expect(message.subject).not.toMatch(/[\r\n]/);
    expect(message.subject).toContain('Bcc: victim@example.com');
    expect(message.html).not.toMatch(/<script>|<b>Vendor<\/b>|href="javascript/);
    expect(message.html).toContain('&lt;script&gt;');
  });

  it('never links anything but http(s)', () => {
    const context = sampleContext({ pageUrl: 'javascript:alert(1)' });
    context.incident!.sourceUrl = 'data:text/html,hi';
    const message = renderEmail(sampleEvent('incident.opened'), context);
    expect(message.html).not.toMatch(/javascript:|data:/);
    expect(message.html).toContain('href="https://status.balena.io/"');
  });
});
