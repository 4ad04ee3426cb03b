// A target added through the admin API with a `boards` filter: a board name the config does not
// have is refused with the config's message; a known one is kept and listed; a stored target
// whose board was since removed from the config is skipped and reported, not routed blindly.
import { describe, expect, it } from 'vitest';
import type { Board } from '../domain/board.js';
import { databaseOpeners } from '../store/test-support/database-openers.js';
import { loadTargets } from './notifier.js';
import { createTargetAdmin } from './target-admin.js';

const openerFor = databaseOpeners('target-admin-boards');
const now = () => '2026-12-05T00:00:00.000Z';
const payments: Board = {
  slug: 'payments',
  name: 'Payments',
  description: null,
  public: false,
  company: null,
  vendors: [{ slug: 'github', components: null }],
};
const network = {
  allowPrivateAddresses: false,
  allowedPrivateRanges: [] as string[],
  timeout: 30,
  maxBodyBytes: 5 * 1024 * 1024,
  perHostConcurrency: 4,
};
// A public address literal: the address guard passes it without a DNS lookup.
const url = 'https://93.184.216.34/hook';

describe('the boards filter of targets added through the admin API', () => {
  it('refuses an unknown board, keeps a known one, and skips it once the board is gone', async () => {
    const { store } = await openerFor('sqlite').fresh();
    const config = { notifications: [], network, boards: [payments] };
    const admin = createTargetAdmin({ config, db: store.db, now });

    const refused = await admin.add({ name: 'a', type: 'webhook', url, boards: ['paymnets'] });
    expect(refused).toMatchObject({ ok: false, status: 400, code: 'invalid_body' });
    expect(!refused.ok && refused.message).toMatch(
      /boards: target "a" names board "paymnets", which does not exist \(did you mean "payments"\?\)/,
    );

    const added = await admin.add({ name: 'b', type: 'webhook', url, boards: ['payments'] });
    expect(added).toMatchObject({ ok: true, target: { name: 'b', boards: ['payments'] } });
    expect((await loadTargets(config, store.db)).map((t) => t.name)).toEqual(['b']);

    const reported: string[] = [];
    const withoutBoard = await loadTargets({ notifications: [], boards: [] }, store.db, (name, e) =>
      reported.push(`${name}: ${e}`),
    );
    expect(withoutBoard).toEqual([]);
    expect(reported).toEqual([
      'b: target "b" names board "payments", which does not exist; no board is configured',
    ]);
  });
});
