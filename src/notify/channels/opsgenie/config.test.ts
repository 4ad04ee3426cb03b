import { describe, expect, it } from 'vitest';
import { parseNotificationTarget } from '../../../config/load.js';
import { channels } from '../../registry.js';

const apiKey = 'eb243592-faa2-4ba2-a551-1afdf565c889';

describe('an opsgenie target in the config', () => {
  it('takes an API key, and an EU API base', () => {
    expect(parseNotificationTarget({ name: 'oncall', type: 'opsgenie', apiKey })).toMatchObject({
      ok: true,
    });
    const eu = { name: 'oncall', type: 'opsgenie', apiKey, url: 'https://api.eu.opsgenie.com' };
    expect(parseNotificationTarget(eu)).toMatchObject({ ok: true });
    expect(channels.describeDestination({ name: 'o', type: 'opsgenie', apiKey })).toBe(
      'https://api.opsgenie.com/…',
    );
  });

  it.each([
    [{ name: 'oncall', type: 'opsgenie' }, 'apiKey: is required for type opsgenie'],
    [
      { name: 'oncall', type: 'opsgenie', apiKey: 'has space' },
      'apiKey: must be an API key without spaces',
    ],
    [
      { name: 'oncall', type: 'opsgenie', apiKey, url: 'api.opsgenie.com' },
      'url: must be an http(s) URL',
    ],
    [{ name: 'oncall', type: 'opsgenie', apiKey, routingKey: 'x' }, 'unknown key "routingKey"'],
  ])('refuses %j: %s', (target, error) => {
    expect(parseNotificationTarget(target)).toEqual({
      ok: false,
      error: expect.stringContaining(error),
    });
  });
});
