// Email over SMTP: one message per recipient, for people. The SMTP URL carries the login.
import { z } from 'zod';
import { defineChannel, type ChannelTarget } from '../../channel.js';
import { renderEmail } from './render.js';
import { sendEmail } from './send.js';
import { resolveSmtpEndpoint } from './smtp-url.js';

const fields = {
  to: z.array(z.string().email()).min(1),
  from: z.string().min(3),
  smtp: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .describe('smtp:// or smtps:// URL, credentials included.'),
};
export type EmailTarget = ChannelTarget<typeof fields, 'to' | 'smtp' | 'from'>;

export const emailChannel = defineChannel({
  type: 'email',
  summary: 'Email through an SMTP server (smtp, from, to).',
  fields,
  required: ['to', 'smtp', 'from'],
  secrets: { smtp: 'url' },
  fingerprint: ['smtp', 'from', 'to'],
  coalesce: true,
  minIntervalMs: 0,
  reminders: true,
  describeDestination: (target) => `${target.to.length} recipient(s) via SMTP`,
  async refuseDestination(target, policy) {
    const resolved = await resolveSmtpEndpoint(target.smtp, policy);
    return resolved.ok ? null : `smtp: ${resolved.error}`;
  },
  render: renderEmail,
  send: sendEmail,
});
