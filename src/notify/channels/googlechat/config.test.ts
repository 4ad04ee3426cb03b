import { describe, expect, it } from 'vitest';
import { parseNotificationTarget } from '../../../config/load.js';
import { channels } from '../../registry.js';

const url =
  'https://chat.googleapis.com/v1/spaces/AAAAspace42/messages?key=AIzaSyDdI0hCZtE6vySjMm&token=g8Zx0Qp3tokenSecret';

describe('a googlechat target in the config', () => {
  it('takes a space webhook URL and shows only its host', () => {
    const target = { name: 'space', type: 'googlechat', url };
    expect(parseNotificationTarget(target)).toMatchObject({ ok: true });
    expect(channels.describeDestination(target)).toBe('https://chat.googleapis.com/…');
  });

  it.each([
    [{ name: 'space', type: 'googlechat' }, 'url: is required for type googlechat'],
    [
      { name: 'space', type: 'googlechat', url: 'chat.googleapis.com/v1' },
      'url: must be an http(s) URL',
    ],
    [
      { name: 'space', type: 'googlechat', url: url.replace(/&token=.*/, '') },
      'url: must be a Google Chat webhook URL with its key and token',
    ],
  ])('refuses %j: %s', (target, error) => {
    const parsed = parseNotificationTarget(target);
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining(error) });
  });
});
