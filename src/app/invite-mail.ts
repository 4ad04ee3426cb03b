// An invitation by email: when an email target is configured, the invite link of /manage/users
// is also mailed to the invited person through that target's SMTP server, with the same address
// guard, deadline and redaction as every notification. Only the invited address receives it.
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/load.js';
import type { EmailTarget } from '../notify/channels/email/index.js';
import { escapeHtml } from '../notify/channels/email/render.js';
import { sendEmail } from '../notify/channels/email/send.js';
import { redactSecrets, targetSecrets } from '../notify/secrets.js';
import type { NotifyTarget } from '../notify/types.js';
import { createSendIo } from './notifier.js';

export interface Invitation {
  email: string;
  link: string;
  expiresAt: string;
  invitedBy: string;
  role: string;
}

export type InviteMailResult =
  { sent: true; via: string } | { sent: false; via: string; error: string };

/** The first email target that is not turned off, or null: it decides whether invites are mailed. */
export function inviteMailTarget(
  targets: readonly NotifyTarget[],
  turnedOff: ReadonlySet<string>,
): EmailTarget | null {
  const found = targets.find((target) => target.type === 'email' && !turnedOff.has(target.name));
  return (found as EmailTarget | undefined) ?? null;
}

export function inviteMessage(invitation: Invitation) {
  const until = `${invitation.expiresAt.slice(0, 16).replace('T', ' ')} UTC`;
  const text = [
    `${invitation.invitedBy} invited you to vendorwatch as ${invitation.role}.`,
    '',
    `Choose your password here (the link works once, until ${until}):`,
    invitation.link,
    '',
    'If you did not expect this, ignore this message.',
  ].join('\n');
  const html = [
    `<p>${escapeHtml(invitation.invitedBy)} invited you to vendorwatch as ${escapeHtml(invitation.role)}.</p>`,
    `<p><a href="${escapeHtml(invitation.link)}">Choose your password</a> (the link works once, until ${escapeHtml(until)}).</p>`,
    '<p>If you did not expect this, ignore this message.</p>',
  ].join('\n');
  return {
    subject: 'You are invited to vendorwatch',
    text,
    html,
    event: null,
    threadId: null,
  };
}

export async function sendInviteMail(
  target: EmailTarget,
  invitation: Invitation,
  options: { config: Pick<AppConfig, 'network'>; timeoutMs: number },
): Promise<InviteMailResult> {
  const io = createSendIo(options.config);
  const outcome = await sendEmail(inviteMessage(invitation), {
    target: { ...target, to: [invitation.email] },
    deliveryKey: randomUUID().replaceAll('-', ''),
    progress: null,
    now: () => new Date(),
    timeoutMs: options.timeoutMs,
    io,
  });
  if (outcome.kind === 'sent') return { sent: true, via: target.name };
  return {
    sent: false,
    via: target.name,
    error: redactSecrets(outcome.error, targetSecrets(target)),
  };
}
