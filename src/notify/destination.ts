// A destination given at run time is checked before it is accepted, by the same private-address
// guard every send goes through, so a refused URL fails the request, not a delivery later. Each
// channel says which of its fields it checks and how.
import type { AddressPolicy } from '../fetch/address-guard.js';
import { channels } from './registry.js';
import { redactSecrets, targetSecrets } from './secrets.js';
import type { NotifyTarget } from './types.js';

/** Why the target's destination is refused (secrets redacted), or null when it may be used. */
export async function destinationRefusal(
  target: NotifyTarget,
  policy: AddressPolicy,
): Promise<string | null> {
  const refusal = await channels.refuseDestination(target, policy);
  return refusal === null ? null : redactSecrets(refusal, targetSecrets(target));
}
