// The email channel against a real SMTP server (smtp-server), messages parsed with mailparser.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { hostileContext, sampleContext, sampleEvent } from '../../test-support/samples.js';
import { smtpPassword, startSmtpReceiver, type SmtpReceiver } from '../../test-support/smtp.js';
import type { SendRequest } from '../../types.js';
import type { EmailTarget } from './index.js';
import { renderEmail } from './render.js';
import { sendEmail } from './send.js';

const policy = { allowPrivateAddresses: false, allowedPrivateRanges: ['127.0.0.0/8'] };
let smtp: SmtpReceiver | undefined;

afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

function target(overrides: Partial<EmailTarget> = {}): EmailTarget {
  return {
    name: 'mail',
    type: 'email',
    smtp: smtp?.url() ?? 'smtp://127.0.0.1:1',
    from: 'vendorwatch <vw@example.com>',
    to: ['ops@example.com', 'oncall@example.com'],
    ...overrides,
  };
}

function request(overrides: Partial<SendRequest<EmailTarget>> = {}): SendRequest<EmailTarget> {
  return {
    target: target(),
    deliveryKey: '0123456789abcdef0123456789abcdef',
    progress: null,
    now: () => new Date(),
    timeoutMs: 2000,
    io: {
      post: () => Promise.reject(new Error('no HTTP here')),
      policy,
    },
    ...overrides,
  };
}

const message = renderEmail(sampleEvent('incident.opened'), sampleContext());

describe('email over SMTP', () => {
  it('sends one message per recipient with a text and an HTML part', async () => {
    smtp = await startSmtpReceiver();
    expect(await sendEmail(message, request())).toEqual({ kind: 'sent', detail: '2 recipients' });
    const mails = await smtp.settled();
    expect(mails.map((mail) => mail.envelope.to)).toEqual([
      ['ops@example.com'],
      ['oncall@example.com'],
    ]);
    for (const mail of mails) {
      const { parsed } = mail;
      expect(parsed.subject).toBe('[Balena] New incident: Elevated API Errors');
      expect(parsed.from?.value).toEqual([{ name: 'vendorwatch', address: 'vw@example.com' }]);
      expect(
        parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : [],
      ).toEqual(mail.envelope.to);
      expect(parsed.text).toContain('We are investigating elevated API error rates.');
      expect(parsed.html).toContain(
        '<h2 style="margin:4px 0 12px">Balena: Elevated API Errors</h2>',
      );
      expect(parsed.headers.get('x-vendorwatch-delivery')).toBe('0123456789abcdef0123456789abcdef');
      expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
      expect(parsed.inReplyTo).toBe('<balena-8gq2x9k1mlh4@vendorwatch>');
      expect(parsed.messageId).toMatch(
        /^<0123456789abcdef0123456789abcdef\.[0-9a-f]{12}@vendorwatch>$/,
      );
    }
    expect(new Set(mails.map((mail) => mail.parsed.messageId)).size).toBe(2);
  });

  it('lets no vendor text add a header or a recipient', async () => {
    smtp = await startSmtpReceiver();
    const hostile = renderEmail(sampleEvent('incident.updated'), hostileContext());
    expect(
      (await sendEmail(hostile, request({ target: target({ to: ['ops@example.com'] }) }))).kind,
    ).toBe('sent');
    const [mail] = await smtp.settled();
    expect(mail!.envelope.to).toEqual(['ops@example.com']);
    expect(mail!.parsed.bcc).toBeUndefined();
    expect(mail!.parsed.headers.has('bcc')).toBe(false);
    expect(mail!.parsed.subject).toContain('Outage Bcc: victim@example.com');
    expect(mail!.parsed.html).not.toContain('<script>');
    expect(smtp.recipients.map((r) => r.address)).toEqual(['ops@example.com']);
  });

  it('retries a temporary refusal later, without mailing who already has it', async () => {
    smtp = await startSmtpReceiver();
    smtp.rejectRecipient((address, attempt) =>
      address === 'oncall@example.com' && attempt === 1 ? 451 : null,
    );
    const first = await sendEmail(message, request());
    expect(first).toMatchObject({ kind: 'retry', error: expect.stringMatching(/^SMTP 451/) });
    const progress = first.kind === 'retry' ? (first.progress ?? null) : null;
    expect(JSON.parse(progress!)).toEqual({ delivered: ['ops@example.com'], refused: [] });
    expect(await sendEmail(message, request({ progress }))).toEqual({
      kind: 'sent',
      detail: '2 recipients',
    });
    const mails = await smtp.settled();
    expect(mails.map((mail) => mail.envelope.to[0])).toEqual([
      'ops@example.com',
      'oncall@example.com',
    ]);
  });

  it('drops a recipient the server refuses for good, and delivers to the others', async () => {
    smtp = await startSmtpReceiver();
    smtp.rejectRecipient((address) => (address === 'ops@example.com' ? 550 : null));
    expect(await sendEmail(message, request())).toEqual({
      kind: 'sent',
      detail: '1 recipients, 1 refused',
    });
    smtp.rejectRecipient(() => 550);
    expect(await sendEmail(message, request())).toMatchObject({ kind: 'rejected' });
  });

  it('rejects a wrong password without repeating it', async () => {
    smtp = await startSmtpReceiver();
    const wrong = 'Wr0ng-Passw0rd-xyz';
    const outcome = await sendEmail(
      message,
      request({ target: target({ smtp: smtp.url(wrong) }) }),
    );
    expect(outcome).toMatchObject({ kind: 'rejected', error: expect.stringMatching(/^SMTP 535/) });
    expect(JSON.stringify(outcome)).not.toContain(wrong);
    expect(JSON.stringify(outcome)).not.toContain(smtpPassword);
  });

  it('gives up on a server that never greets, within the deadline', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const outcome = await sendEmail(
        message,
        request({
          target: target({ smtp: `smtp://127.0.0.1:${port}`, to: ['ops@example.com'] }),
          timeoutMs: 500,
        }),
      );
      expect(outcome.kind).toBe('retry');
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('refuses an SMTP host on a private address unless allowed', async () => {
    smtp = await startSmtpReceiver();
    const closed = { allowPrivateAddresses: false };
    const outcome = await sendEmail(
      message,
      request({ io: { post: () => Promise.reject(new Error('x')), policy: closed } }),
    );
    expect(outcome).toMatchObject({ kind: 'rejected', error: expect.stringMatching(/^blocked/) });
    expect(smtp.recipients).toHaveLength(0);
  });
});
