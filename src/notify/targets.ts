// Targets as configured: checked once, and fingerprinted so the store can tell a changed
// destination (which gets a fresh start) from the same one. Each channel says which of its fields
// make the destination and how to show it.
import { channels } from './registry.js';
import { duplicateTargetName } from './target-schema.js';
import type { NotifyTarget } from './types.js';

/** Refuses duplicate names (the config file's schema refuses them first, with its path). */
export function checkTargets(targets: readonly NotifyTarget[]): readonly NotifyTarget[] {
  const index = duplicateTargetName(targets);
  if (index !== null) {
    const name = targets[index]!.name;
    throw new Error(
      `config error at notifications[${index}].name: duplicate target name "${name}"`,
    );
  }
  return targets;
}

/** Changes when the destination or its credentials change, not when filters do. */
export function targetFingerprint(target: NotifyTarget): string {
  return channels.fingerprintOf(target);
}

/** Where a target sends, for people: scheme and host only (the path is often the secret). */
export function describeDestination(target: NotifyTarget): string {
  return channels.describeDestination(target);
}
