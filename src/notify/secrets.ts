// A target's secrets (webhook URL paths and query strings, signing secrets, routing keys, SMTP
// passwords) and the one function that takes them out of any text we store, log or print.
import type { NotifyTarget } from './types.js';

export const redacted = '[redacted]';
/** Shorter URL parts (e.g. "api", "services") are not secret and redacting them garbles text. */
const minSecretPart = 6;

function urlSecrets(raw: string): string[] {
  const found = [raw];
  try {
    const url = new URL(raw);
    if (url.pathname.length > 1) found.push(url.pathname);
    if (url.search) found.push(url.search, url.search.slice(1));
    for (const segment of url.pathname.split('/')) {
      if (segment.length >= minSecretPart) found.push(segment, decodeSafely(segment));
    }
    for (const value of url.searchParams.values())
      if (value.length >= minSecretPart) found.push(value);
    if (url.password) found.push(url.password, decodeSafely(url.password));
    if (url.username && url.password) found.push(`${url.username}:${url.password}`);
  } catch {
    // Not a URL: the whole string is the secret.
  }
  return found;
}

function decodeSafely(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Every string of this target that must never leave vendorwatch, longest first. */
export function targetSecrets(target: NotifyTarget): string[] {
  const found: string[] = [];
  if (target.url) found.push(...urlSecrets(target.url));
  if (target.smtp) found.push(...urlSecrets(target.smtp));
  if (target.secret) found.push(target.secret);
  if (target.routingKey) found.push(target.routingKey);
  const unique = new Set(
    found
      .flatMap((secret) => [secret, encodeURIComponent(secret)])
      .filter((s) => s.length >= minSecretPart),
  );
  return [...unique].sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) clean = clean.split(secret).join(redacted);
  return clean;
}
