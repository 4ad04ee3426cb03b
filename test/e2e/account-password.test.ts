// Changing one's own password at /account over real HTTP, on a SQLite file and on PostgreSQL:
// the current password is checked (a wrong one counts towards the lock), the new one must be
// confirmed, every other session ends, this one goes on under a new token, the old password no
// longer signs in, cross-origin posts are refused, and the audit log says so without the password.
import { describe, expect, it } from 'vitest';
import { databaseOpeners } from '../../src/store/test-support/database-openers.js';
import { databaseKinds } from '../test-support/databases.js';
import { setUpAdmin, startAuthServer } from '../test-support/auth-server.js';

const openerFor = databaseOpeners('account-password');
const oldPassword = 'correct horse battery staple';
const newPassword = 'a much longer passphrase 42';

describe.each(databaseKinds)('changing a password on %s', (kind) => {
  it('checks the current password, ends the other sessions and keeps this one', async () => {
    const { store } = await openerFor(kind).fresh();
    const server = await startAuthServer(store);
    try {
      const admin = await setUpAdmin(server, 'ops@example.com', oldPassword);
      const elsewhere = server.client();
      expect((await elsewhere.signIn('ops@example.com', oldPassword)).status).toBe(303);
      const csrf = await admin.csrf('/account');
      const change = (form: Record<string, string>, headers?: Record<string, string>) =>
        admin.request('POST', '/account/password', { form: { _csrf: csrf, ...form }, headers });

      const wrong = await change({
        current: 'not it at all',
        password: newPassword,
        confirm: newPassword,
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toContain('the current password is not right');
      const differ = await change({
        current: oldPassword,
        password: newPassword,
        confirm: 'other',
      });
      expect(differ.status).toBe(400);
      expect(differ.body).toContain('the two new passwords differ');
      const short = await change({ current: oldPassword, password: 'short', confirm: 'short' });
      expect(short.status).toBe(400);
      expect(short.body).toContain('at least 12 characters');
      const crossSite = await change(
        { current: oldPassword, password: newPassword, confirm: newPassword },
        { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      );
      expect(crossSite.status).toBe(403);
      const noToken = await admin.request('POST', '/account/password', {
        form: { current: oldPassword, password: newPassword, confirm: newPassword },
      });
      expect(noToken.status).toBe(403);

      const before = admin.sessionToken;
      const changed = await change({
        current: oldPassword,
        password: newPassword,
        confirm: newPassword,
      });
      expect(changed.status).toBe(303);
      expect(changed.location).toBe('/account?done=password');
      expect(admin.sessionToken).not.toBe(before);
      const page = await admin.get('/account?done=password');
      expect(page.status).toBe(200);
      expect(page.body).toContain('Your password was changed.');
      // The other browser was signed out; the old password no longer works, the new one does.
      expect((await elsewhere.get('/account')).status).not.toBe(200);
      expect((await server.client().signIn('ops@example.com', oldPassword)).status).toBe(401);
      expect((await server.client().signIn('ops@example.com', newPassword)).status).toBe(303);

      const audit = await admin.get('/manage/audit');
      expect(audit.body).toContain('user.password-changed');
      for (const secret of [oldPassword, newPassword]) {
        expect(audit.body).not.toContain(secret);
        expect(page.body).not.toContain(secret);
      }
    } finally {
      await server.close();
    }
  });
});
