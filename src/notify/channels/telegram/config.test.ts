import { describe, expect, it } from 'vitest';
import { parseNotificationTarget } from '../../../config/load.js';
import { channels } from '../../registry.js';

const token = '7123456789:AAHt0kEnSecretPartForTesting_0123';

describe('a telegram target in the config', () => {
  it.each([['-1001234567890'], [-1001234567890], [42], ['@vendor_status']])(
    'takes the chat id %j, as text',
    (chatId) => {
      const parsed = parseNotificationTarget({ name: 'tg', type: 'telegram', token, chatId });
      expect(parsed).toMatchObject({ ok: true, target: { chatId: String(chatId) } });
    },
  );

  it('shows the destination without the token', () => {
    const target = { name: 'tg', type: 'telegram', token, chatId: '-100123' };
    expect(channels.describeDestination(target)).toBe('https://api.telegram.org/… chat -100123');
  });

  it.each([
    [{ name: 'tg', type: 'telegram', chatId: '1' }, 'token: is required for type telegram'],
    [{ name: 'tg', type: 'telegram', token }, 'chatId: is required for type telegram'],
    [
      { name: 'tg', type: 'telegram', token: 'not-a-token', chatId: '1' },
      'token: must be a bot token like 123456:ABC-DEF… (from @BotFather)',
    ],
    [
      { name: 'tg', type: 'telegram', token, chatId: 'my group' },
      'chatId: must be a numeric chat id or @channelusername',
    ],
    [{ name: 'tg', type: 'telegram', token, chatId: 1.5 }, 'chatId'],
    [
      { name: 'tg', type: 'telegram', token, chatId: '1', url: 'ftp://api.telegram.org' },
      'url: must be an http(s) URL',
    ],
  ])('refuses %j: %s', (target, error) => {
    const parsed = parseNotificationTarget(target);
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining(error) });
    if (!parsed.ok) expect(parsed.error).not.toContain(token.split(':')[1]);
  });
});
