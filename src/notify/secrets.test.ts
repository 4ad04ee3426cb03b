import { describe, expect, it } from 'vitest';
import { redactSecrets, targetSecrets } from './secrets.js';
import { describeDestination, targetFingerprint } from './targets.js';
import type { NotifyTarget } from './types.js';

const slackUrl = 'https://hooks.slack.com/services/T0AAAA/B0BBBB/XyZsecretTokenValue';
const slack: NotifyTarget = { name: 'ops', type: 'slack', url: slackUrl };
const teams: NotifyTarget = {
  name: 'teams',
  type: 'teams',
  url: 'https://prod.westus.logic.azure.com/workflows/abc123def/triggers/manual/paths/invoke?api-version=2016-06-01&sig=SiGnAtUrE_value',
};
const email: NotifyTarget = {
  name: 'mail',
  type: 'email',
  smtp: 'smtp://alerts:p%40ss-w0rd!@mail.example.com:587',
  from: 'vw@example.com',
  to: ['a@example.com'],
};
const pager: NotifyTarget = {
  name: 'pd',
  type: 'pagerduty',
  routingKey: 'R0UTINGKEY0123456789abcdefABCDEF',
};

describe('secret redaction', () => {
  it.each([
    [
      slack,
      'POST https://hooks.slack.com/services/T0AAAA/B0BBBB/XyZsecretTokenValue failed',
      'XyZsecretTokenValue',
    ],
    [slack, 'invalid token XyZsecretTokenValue', 'XyZsecretTokenValue'],
    [teams, 'bad sig=SiGnAtUrE_value', 'SiGnAtUrE_value'],
    [email, 'login alerts:p@ss-w0rd! refused', 'p@ss-w0rd!'],
    [email, 'raw p%40ss-w0rd! refused', 'p%40ss-w0rd!'],
    [pager, 'key R0UTINGKEY0123456789abcdefABCDEF invalid', 'R0UTINGKEY0123456789abcdefABCDEF'],
  ])('takes the secret out of error text (%#)', (target, text, secret) => {
    const clean = redactSecrets(text, targetSecrets(target));
    expect(clean).not.toContain(secret);
    expect(clean).toContain('[redacted]');
  });

  it('leaves ordinary words alone', () => {
    expect(redactSecrets('HTTP 404: no_service', targetSecrets(slack))).toBe(
      'HTTP 404: no_service',
    );
  });

  it('describes a destination by scheme and host only', () => {
    expect(describeDestination(slack)).toBe('https://hooks.slack.com/…');
    expect(describeDestination(email)).toBe('1 recipient(s) via SMTP');
    expect(describeDestination(pager)).toBe('https://events.pagerduty.com/…');
  });

  it('fingerprints the destination, not the filters', () => {
    expect(targetFingerprint({ ...slack, minImpact: 'major' })).toBe(targetFingerprint(slack));
    expect(targetFingerprint({ ...slack, url: `${slackUrl}2` })).not.toBe(targetFingerprint(slack));
  });
});
