// The admin API's target rules for the channels added with issue 14 (Opsgenie, Google Chat,
// Mattermost, Telegram): each is accepted, stored and loaded back, listed without its secret,
// and a bad one is refused with the config file's message, on a SQLite file and on PostgreSQL.
import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/test-support/databases.js';
import { databaseOpeners } from '../store/test-support/database-openers.js';
import { createTargetAdmin } from './target-admin.js';

const openerFor = databaseOpeners('target-admin-channels');

const opsgenieKey = 'eb243592-faa2-4ba2-a551-1afdf565c889';
const chatKey = 'AIzaSyDdI0hCZtE6vySjMm';
const chatToken = 'g8Zx0Qp3tokenSecret';
const hookKey = 'xj7k3mattermosthookkey9q2';
const botToken = '7123456789:AAHt0kEnSecretPartForTesting_0123';

const added = [
  { name: 'oncall', type: 'opsgenie', apiKey: opsgenieKey },
  {
    name: 'space',
    type: 'googlechat',
    url: `http://127.0.0.1:8443/v1/spaces/AAAA/messages?key=${chatKey}&token=${chatToken}`,
  },
  { name: 'mm', type: 'mattermost', url: `http://127.0.0.1:8443/hooks/${hookKey}` },
  { name: 'tg', type: 'telegram', token: botToken, chatId: -1001234567890 },
];

describe.each(databaseKinds)('admin targets of the new channels on %s', (kind) => {
  const opener = openerFor(kind);

  function admin(db: Parameters<typeof createTargetAdmin>[0]['db']) {
    return createTargetAdmin({
      // Loopback is allowed, so the address guard passes without DNS; 10/8 stays refused.
      config: {
        notifications: [],
        network: {
          allowPrivateAddresses: false,
          allowedPrivateRanges: ['127.0.0.0/8'],
          timeout: 30,
          maxBodyBytes: 1024 * 1024,
          perHostConcurrency: 4,
        },
      },
      db,
      now: () => '2026-12-04T12:00:00.000Z',
    });
  }

  it('adds, lists without secrets and loads back each one', async () => {
    const { store } = await opener.fresh();
    const targets = admin(store.db);
    for (const body of added) {
      const result = await targets.add(body);
      expect(result, body.type).toMatchObject({ ok: true, target: { type: body.type } });
    }
    const listed = await targets.list();
    expect(listed.map((t) => [t.name, t.type, t.destination, t.origin])).toEqual([
      ['mm', 'mattermost', 'http://127.0.0.1:8443/…', 'api'],
      ['oncall', 'opsgenie', 'https://api.opsgenie.com/…', 'api'],
      ['space', 'googlechat', 'http://127.0.0.1:8443/…', 'api'],
      ['tg', 'telegram', 'https://api.telegram.org/… chat -1001234567890', 'api'],
    ]);
    const shown = JSON.stringify(listed);
    for (const secret of [opsgenieKey, chatKey, chatToken, hookKey, botToken])
      expect(shown).not.toContain(secret);
  });

  it.each([
    [{ name: 'x', type: 'opsgenie' }, 'apiKey: is required for type opsgenie'],
    [{ name: 'x', type: 'telegram', token: botToken, chatId: 'a b' }, 'chatId: must be a numeric'],
    [
      { name: 'x', type: 'googlechat', url: 'https://chat.googleapis.com/v1/spaces/A/messages' },
      'url: must be a Google Chat webhook URL with its key and token',
    ],
    [
      { name: 'x', type: 'mattermost', url: 'https://chat.example.com/' },
      'url: must be a Mattermost incoming webhook URL',
    ],
  ])('refuses %j with a clear message', async (body, message) => {
    const { store } = await opener.fresh();
    const result = await admin(store.db).add(body);
    expect(result).toMatchObject({ ok: false, status: 400, code: 'invalid_body' });
    expect(result.ok === false && result.message).toContain(message);
  });

  it('refuses a private destination before storing it', async () => {
    const { store } = await opener.fresh();
    const targets = admin(store.db);
    const body = { name: 'mm', type: 'mattermost', url: `http://10.1.2.3/hooks/${hookKey}` };
    expect(await targets.add(body)).toMatchObject({ ok: false, status: 422, code: 'url_refused' });
    expect(await targets.list()).toEqual([]);
  });
});
