// A target's secrets (webhook URL paths and query strings, signing secrets, routing keys, SMTP
// passwords: each channel lists its own) and the one function that takes them out of any text
// we store, log or print.
import { channels } from './registry.js';
import type { NotifyTarget } from './types.js';

const redacted = '[redacted]';

/** Every string of this target that must never leave vendorwatch, longest first. */
export function targetSecrets(target: NotifyTarget): string[] {
  return channels.secretsOf(target);
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) clean = clean.split(secret).join(redacted);
  return clean;
}
