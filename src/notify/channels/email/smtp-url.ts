// The `smtp` setting (smtp://user:pass@host:port or smtps://…) read into transport options, with
// the host checked by the same private-address guard as every other destination.
import { isIP } from 'node:net';
import { addressRefusal, systemResolve, type AddressPolicy } from '../../../fetch/address-guard.js';

export interface SmtpEndpoint {
  /** The validated address to connect to; the name is kept for TLS (SNI and certificate). */
  address: string;
  hostname: string;
  port: number;
  /** smtps: TLS from the first byte; smtp: STARTTLS when the server offers it. */
  secure: boolean;
  auth: { user: string; pass: string } | null;
}

type SmtpEndpointResult =
  { ok: true; endpoint: SmtpEndpoint } | { ok: false; error: string; refused: boolean };

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Never names the password, even in errors. */
export async function resolveSmtpEndpoint(
  raw: string,
  policy: AddressPolicy,
): Promise<SmtpEndpointResult> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: 'the smtp setting is not a valid smtp:// URL', refused: true };
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return {
      ok: false,
      error: 'the smtp setting must start with smtp:// or smtps://',
      refused: true,
    };
  }
  const secure = url.protocol === 'smtps:';
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (!hostname) return { ok: false, error: 'the smtp setting names no host', refused: true };
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  let addresses: string[];
  if (isIP(hostname) !== 0) {
    addresses = [hostname];
  } else {
    try {
      addresses = await (policy.resolve ?? systemResolve)(hostname);
    } catch {
      return { ok: false, error: `DNS lookup for ${hostname} failed`, refused: false };
    }
  }
  if (addresses.length === 0) {
    return { ok: false, error: `DNS lookup for ${hostname} found no address`, refused: false };
  }
  for (const address of addresses) {
    const refusal = addressRefusal(address, policy);
    if (refusal) return { ok: false, error: `blocked: ${hostname}: ${refusal}`, refused: true };
  }
  const user = decode(url.username);
  return {
    ok: true,
    endpoint: {
      address: addresses[0]!,
      hostname,
      port,
      secure,
      auth: user ? { user, pass: decode(url.password) } : null,
    },
  };
}
