import { describe, expect, it } from 'vitest';
import { parseNotificationTarget } from '../../../config/load.js';
import { channels } from '../../registry.js';

describe('a mattermost target in the config', () => {
  it('takes an incoming webhook URL and shows only its host', () => {
    const target = {
      name: 'mm',
      type: 'mattermost',
      url: 'https://chat.example.com/hooks/xj7k3mattermosthookkey9q2',
    };
    expect(parseNotificationTarget(target)).toMatchObject({ ok: true });
    expect(channels.describeDestination(target)).toBe('https://chat.example.com/…');
  });

  it.each([
    [{ name: 'mm', type: 'mattermost' }, 'url: is required for type mattermost'],
    [
      { name: 'mm', type: 'mattermost', url: 'chat.example.com/hooks/abc' },
      'url: must be an http(s) URL',
    ],
    [
      { name: 'mm', type: 'mattermost', url: 'https://chat.example.com/api/v4/posts' },
      'url: must be a Mattermost incoming webhook URL (https://<host>/hooks/<key>)',
    ],
  ])('refuses %j: %s', (target, error) => {
    expect(parseNotificationTarget(target)).toEqual({
      ok: false,
      error: expect.stringContaining(error),
    });
  });
});
