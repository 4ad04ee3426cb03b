// A real SMTP server on 127.0.0.1 (smtp-server) that requires a login, records every message
// with its envelope, and parses it (mailparser) so tests read what a mail client would see.
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpReceiver {
  port: number;
  url(password?: string): string;
  mails: ReceivedMail[];
  /** Every RCPT TO, in order, with the code it was answered (250 or the test's). */
  recipients: Array<{ address: string; code: number }>;
  /** Answers RCPT TO for an address with this code instead of 250, when it returns one. */
  rejectRecipient(answer: (address: string, attempt: number) => number | null): void;
  /** Waits until every message received so far is parsed. */
  settled(): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export const smtpUser = 'alerts';
export const smtpPassword = 'p@ss-W0rd-secret!';

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const recipients: SmtpReceiver['recipients'] = [];
  const attempts = new Map<string, number>();
  let reject: (address: string, attempt: number) => number | null = () => null;
  const pending: Array<Promise<void>> = [];

  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === smtpUser && auth.password === smtpPassword)
        callback(null, { user: smtpUser });
      else callback(smtpError(535, 'Authentication failed'));
    },
    onRcptTo(address, _session, callback) {
      const attempt = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, attempt);
      const code = reject(address.address, attempt);
      recipients.push({ address: address.address, code: code ?? 250 });
      if (code === null) callback();
      else callback(smtpError(code, code >= 500 ? 'Mailbox unavailable' : 'Try again later'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        };
        pending.push(
          simpleParser(raw).then((parsed) => {
            mails.push({ envelope, raw, parsed });
          }),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: (password = smtpPassword) =>
      `smtp://${smtpUser}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    mails,
    recipients,
    rejectRecipient(answer) {
      reject = answer;
    },
    async settled() {
      await Promise.all(pending);
      return mails;
    },
    async close() {
      await Promise.all(pending);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
