// A destination given at run time is checked before it is accepted, by the same private-address
// guard every send goes through (SPEC §7), so a refused URL fails the request, not a delivery later.
import { checkUrl, type AddressPolicy } from '../fetch/address-guard.js';
import { resolveSmtpEndpoint } from './channels/email/smtp-url.js';
import { redactSecrets, targetSecrets } from './secrets.js';
import type { NotifyTarget } from './types.js';

/** Why the target's destination is refused (secrets redacted), or null when it may be used. */
export async function destinationRefusal(
  target: NotifyTarget,
  policy: AddressPolicy,
): Promise<string | null> {
  let refusal: string | null = null;
  if (target.type === 'email') {
    const resolved = await resolveSmtpEndpoint(target.smtp ?? '', policy);
    if (!resolved.ok) refusal = `smtp: ${resolved.error}`;
  } else if (target.url !== undefined) {
    const checked = await checkUrl(target.url, policy);
    if (!checked.ok) refusal = `url: ${checked.reason}`;
  }
  return refusal === null ? null : redactSecrets(refusal, targetSecrets(target));
}
