// Password hashing with scrypt from node:crypto: memory-hard, so each guess costs an attacker
// 32 MiB and tens of milliseconds. The stored form names its parameters
// (`scrypt$N$r$p$salt$hash`, base64url), so they can be raised later without breaking old hashes.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * N = 2^15, r = 8, p = 3: 128·N·r = 32 MiB per hash, three passes — one of OWASP's equivalent
 * scrypt settings (as costly as N = 2^17, p = 1, at a quarter of the memory); docs/security.md.
 */
const cost = 2 ** 15;
const blockSize = 8;
const parallelization = 3;
const keyLength = 32;
const saltLength = 16;
/** Node refuses scrypt above 32 MiB by default; this leaves room for the chosen parameters. */
const maxmem = 64 * 1024 * 1024;

/** Longer input is refused before hashing, so a huge password cannot be used to burn CPU. */
export const maxPasswordLength = 1024;
export const minPasswordLength = 12;

function derive(password: string, salt: Buffer, options: ScryptOptions, length: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltLength);
  const key = await derive(
    password,
    salt,
    { N: cost, r: blockSize, p: parallelization, maxmem },
    keyLength,
  );
  return [
    'scrypt',
    cost,
    blockSize,
    parallelization,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** Constant-time comparison of the derived key; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (![n, r, p].every(Number.isSafeInteger) || expected.length === 0) return false;
  const key = await derive(password, salt, { N: n, r, p, maxmem }, expected.length);
  return timingSafeEqual(key, expected);
}

let dummyHash: Promise<string> | undefined;

/** Spends the same work as a real check, so an unknown email answers as slowly as a wrong password. */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummyHash ??= hashPassword('vendorwatch: no such account');
  await verifyPassword(password, await dummyHash);
}

/** Why a new password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < minPasswordLength) {
    return `the password needs at least ${minPasswordLength} characters`;
  }
  if (password.length > maxPasswordLength) {
    return `the password may have at most ${maxPasswordLength} characters`;
  }
  return null;
}
