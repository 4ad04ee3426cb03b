// Targets as configured (SPEC §4 `notifications`): checked once, and fingerprinted so the store
// can tell a changed destination (which gets a fresh start) from the same one.
import { createHash } from 'node:crypto';
import { ConfigError } from '../config/load.js';
import type { NotifyTarget } from './types.js';

/** Refuses duplicate names: deliveries are keyed by target name. */
export function checkTargets(targets: readonly NotifyTarget[]): readonly NotifyTarget[] {
  const seen = new Set<string>();
  for (const [index, target] of targets.entries()) {
    if (seen.has(target.name)) {
      throw new ConfigError(
        `config error at notifications[${index}].name: duplicate target name "${target.name}"`,
      );
    }
    seen.add(target.name);
  }
  return targets;
}

/** Changes when the destination or its credentials change, not when filters do. */
export function targetFingerprint(target: NotifyTarget): string {
  const destination = [
    target.type,
    target.url ?? '',
    target.secret ?? '',
    target.smtp ?? '',
    target.from ?? '',
    [...(target.to ?? [])].join(','),
    target.routingKey ?? '',
  ].join('\n');
  return createHash('sha256').update(destination).digest('hex').slice(0, 32);
}

/** Where a target sends, for people: scheme and host only (the path is often the secret). */
export function describeDestination(target: NotifyTarget): string {
  if (target.type === 'email') return `${target.to?.length ?? 0} recipient(s) via SMTP`;
  const raw =
    target.type === 'pagerduty' ? (target.url ?? 'https://events.pagerduty.com') : target.url;
  try {
    const url = new URL(raw ?? '');
    return `${url.protocol}//${url.host}/…`;
  } catch {
    return '(no valid url)';
  }
}
