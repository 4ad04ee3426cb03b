// Sends one message per recipient over SMTP (nodemailer), so nobody sees the others' addresses.
// Recipients already served are kept as progress, so a retry after a partial failure does not
// mail them again. 4xx and connection trouble are retried; 5xx for a recipient refuses it.
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { oneLine } from '../../text.js';
import type { SendOutcome, SendRequest } from '../../types.js';
import type { EmailTarget } from './index.js';
import type { EmailMessage } from './render.js';
import { resolveSmtpEndpoint, type SmtpEndpoint } from './smtp-url.js';

interface Progress {
  delivered: string[];
  refused: string[];
}

type RecipientResult =
  | { kind: 'delivered' }
  | { kind: 'refused'; error: string }
  | Extract<SendOutcome, { kind: 'retry' | 'rejected' }>;

function readProgress(raw: string | null): Progress {
  try {
    const parsed = JSON.parse(raw ?? '') as Partial<Progress>;
    return {
      delivered: Array.isArray(parsed.delivered) ? parsed.delivered.map(String) : [],
      refused: Array.isArray(parsed.refused) ? parsed.refused.map(String) : [],
    };
  } catch {
    return { delivered: [], refused: [] };
  }
}

/** Stable per (delivery, recipient): a retry re-sends the same Message-ID, so clients dedupe. */
function messageId(deliveryKey: string, recipient: string): string {
  const tag = createHash('sha256').update(recipient.toLowerCase()).digest('hex').slice(0, 12);
  return `<${deliveryKey}.${tag}@vendorwatch>`;
}

function describeSmtpError(error: unknown): {
  text: string;
  code: number | undefined;
  kind: string;
} {
  const details = (error ?? {}) as { responseCode?: unknown; code?: unknown; response?: unknown };
  const code = typeof details.responseCode === 'number' ? details.responseCode : undefined;
  const kind = typeof details.code === 'string' ? details.code : 'ERROR';
  const reply = typeof details.response === 'string' ? `: ${oneLine(details.response, 200)}` : '';
  const text = code === undefined ? `SMTP ${kind}` : `SMTP ${code}${reply}`;
  return { text, code, kind };
}

async function sendOne(
  endpoint: SmtpEndpoint,
  message: EmailMessage,
  recipient: string,
  request: SendRequest<EmailTarget>,
): Promise<RecipientResult> {
  const { timeoutMs } = request;
  const transport = nodemailer.createTransport({
    host: endpoint.address,
    port: endpoint.port,
    secure: endpoint.secure,
    ...(endpoint.auth ? { auth: endpoint.auth } : {}),
    tls: { servername: endpoint.hostname },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('deadline')), timeoutMs);
  });
  const threading = message.threadId ? `<${message.threadId}@vendorwatch>` : undefined;
  try {
    await Promise.race([
      transport.sendMail({
        from: request.target.from,
        to: recipient,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: messageId(request.deliveryKey, recipient),
        ...(threading ? { inReplyTo: threading, references: [threading] } : {}),
        headers: {
          'Auto-Submitted': 'auto-generated',
          ...(message.event ? { 'X-Vendorwatch-Event': message.event } : {}),
          'X-Vendorwatch-Delivery': request.deliveryKey,
        },
      }),
      deadline,
    ]);
    return { kind: 'delivered' };
  } catch (error) {
    if (error instanceof Error && error.message === 'deadline') {
      return { kind: 'retry', error: `no answer from the SMTP server within ${timeoutMs} ms` };
    }
    const { text, code, kind } = describeSmtpError(error);
    if (kind === 'EAUTH') return { kind: 'rejected', error: text };
    if (code !== undefined && code >= 500) return { kind: 'refused', error: text };
    return { kind: 'retry', error: text };
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}

export async function sendEmail(
  message: EmailMessage,
  request: SendRequest<EmailTarget>,
): Promise<SendOutcome> {
  const { target } = request;
  if (!target.smtp || !target.from || !target.to?.length) {
    return { kind: 'rejected', error: 'the target needs smtp, from and to' };
  }
  const resolved = await resolveSmtpEndpoint(target.smtp, request.io.policy);
  if (!resolved.ok) {
    return resolved.refused
      ? { kind: 'rejected', error: resolved.error }
      : { kind: 'retry', error: resolved.error };
  }
  const progress = readProgress(request.progress);
  const errors: string[] = [];
  for (const recipient of target.to) {
    if (progress.delivered.includes(recipient) || progress.refused.includes(recipient)) continue;
    if (request.signal?.aborted)
      return { kind: 'retry', error: 'cancelled', progress: JSON.stringify(progress) };
    const result = await sendOne(resolved.endpoint, message, recipient, request);
    if (result.kind === 'delivered') {
      progress.delivered.push(recipient);
    } else if (result.kind === 'refused') {
      progress.refused.push(recipient);
      errors.push(`${recipient}: ${result.error}`);
    } else if (result.kind === 'retry') {
      return { ...result, progress: JSON.stringify(progress) };
    } else {
      return result;
    }
  }
  if (progress.delivered.length === 0) {
    return { kind: 'rejected', error: errors.join('; ') || 'every recipient was refused' };
  }
  const refused = progress.refused.length > 0 ? `, ${progress.refused.length} refused` : '';
  return { kind: 'sent', detail: `${progress.delivered.length} recipients${refused}` };
}
