// Invitations by email over real HTTP and a real SMTP server on loopback: with an email target
// configured, an invite is mailed to the invited person only (the page still shows the link and
// says it was mailed); when the SMTP server cannot be reached the page says so, without the SMTP
// password, and the link is still there to hand over. The audit log records both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  smtpPassword,
  startSmtpReceiver,
  type SmtpReceiver,
} from '../../src/notify/test-support/smtp.js';
import { databaseOpeners } from '../../src/store/test-support/database-openers.js';
import { adminToken, setUpAdmin, startAuthServer } from '../test-support/auth-server.js';

const opener = databaseOpeners('invite-mail')('sqlite');
let smtp: SmtpReceiver;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await smtp.close();
});

describe('invitations by email', () => {
  it('mails the link to the invited address through the email target, and says when it cannot', async () => {
    const { store } = await opener.fresh();
    const server = await startAuthServer(store, {}, ['127.0.0.0/8']);
    try {
      const admin = await setUpAdmin(server, 'ops@example.com', 'correct horse battery staple');
      const addTarget = (name: string, url: string) =>
        server.client().request('POST', '/api/v1/targets', {
          json: {
            name,
            type: 'email',
            smtp: url,
            from: 'vendorwatch@example.com',
            to: ['oncall@example.com'],
          },
          headers: { authorization: `Bearer ${adminToken}` },
        });
      expect((await addTarget('mail', smtp.url())).status).toBe(201);

      const invite = async (email: string) =>
        admin.request('POST', '/manage/users/invite', {
          form: { _csrf: await admin.csrf('/manage/users'), email, role: 'viewer' },
        });
      const answer = await invite('new.person@example.com');
      expect(answer.status).toBe(200);
      const link = /<code class="invite-link">([^<]+)<\/code>/.exec(answer.body)?.[1];
      expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
      expect(answer.body).toContain('data-testid="invite-mailed"');
      const mails = await smtp.settled();
      expect(mails).toHaveLength(1);
      expect(mails[0]!.envelope.to).toEqual(['new.person@example.com']);
      expect(mails[0]!.parsed.subject).toBe('You are invited to vendorwatch');
      expect(mails[0]!.parsed.text).toContain(link);
      expect(mails[0]!.parsed.text).toContain(
        'ops@example.com invited you to vendorwatch as viewer',
      );
      expect(mails[0]!.parsed.headers.has('x-vendorwatch-event')).toBe(false);
      // The invited person follows the mailed link.
      expect((await server.client().get(new URL(link!).pathname)).status).toBe(200);

      // The working target goes; one whose SMTP server does not answer stays.
      const removed = await server.client().request('DELETE', '/api/v1/targets/mail', {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(removed.status).toBeLessThan(300);
      const closed = `smtp://alerts:${encodeURIComponent(smtpPassword)}@127.0.0.1:1`;
      expect((await addTarget('broken-mail', closed)).status).toBe(201);
      const failed = await invite('second.person@example.com');
      expect(failed.status).toBe(200);
      expect(failed.body).toContain('data-testid="invite-mail-failed"');
      expect(failed.body).toMatch(/<code class="invite-link">[^<]+<\/code>/);
      expect(smtp.mails).toHaveLength(1);

      const audit = await admin.get('/manage/audit');
      expect(audit.body).toContain('user.invite-mailed');
      expect(audit.body).toContain('user.invite-mail-failed');
      for (const page of [answer.body, failed.body, audit.body]) {
        expect(page).not.toContain(smtpPassword);
        expect(page).not.toContain(encodeURIComponent(smtpPassword));
      }
    } finally {
      await server.close();
    }
  });
});
