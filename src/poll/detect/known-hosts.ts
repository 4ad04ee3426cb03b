// Fixed status hosts and hosting domains, as the registered platforms declare them: a fixed host
// names the platform outright, a hosting domain only puts its probes first.
import { hostOf } from '../../adapters/detect-kit/hosts.js';
import type { Platform } from '../../domain/vocabulary.js';
import { platformRules } from './platform-rules.js';

export interface KnownHost {
  platform: Platform;
  /** The page URL the adapter is configured with (its endpoints derive from it). */
  statusPageUrl: string;
  evidence: string;
  /** What the confirming request asks for. */
  confirmAs: 'json' | 'feed';
}

/** The fixed-host answer for a pasted URL, or null when its host is not one of them. */
export function matchKnownHost(url: URL): KnownHost | null {
  for (const rules of platformRules) {
    const match = rules.knownHost?.(url);
    if (match) return { ...match, platform: rules.platform, confirmAs: rules.confirmAs ?? 'json' };
  }
  return null;
}

/** Hosting domains that name a platform but whose pages still answer its JSON probe. */
export function hostedPlatformHint(url: URL): Platform | null {
  const host = hostOf(url);
  const rules = platformRules.find((r) => r.hostingDomains?.some((d) => host.endsWith(d)));
  return rules?.platform ?? null;
}
