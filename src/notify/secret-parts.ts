// How a secret is taken apart for redaction: a URL's path, its segments, query values and
// password each leak on their own, so each is hidden, in its raw and its encoded form.
import type { SecretKind } from './channel.js';

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

/** Every string to hide for these secret values, longest first. */
export function secretStrings(values: ReadonlyArray<readonly [SecretKind, string]>): string[] {
  const found = values.flatMap(([kind, value]) => (kind === 'url' ? urlSecrets(value) : [value]));
  const unique = new Set(
    found
      .flatMap((secret) => [secret, encodeURIComponent(secret)])
      .filter((s) => s.length >= minSecretPart),
  );
  return [...unique].sort((a, b) => b.length - a.length);
}
