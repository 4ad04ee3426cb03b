// Fixed status hosts: the host name alone says the platform, so detection costs at most one
// confirming request.
import type { HostMatch } from './types.js';

interface FixedHost {
  /** Path kept after the origin when the pasted host is the canonical one. */
  path: string;
  /** When the pasted host is an old alias, the canonical page replaces it. */
  canonical?: string;
}

/** The host as compared: lower case, without a trailing dot. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/\.$/, '');
}

export function fixedHosts(
  table: Readonly<Record<string, FixedHost>>,
): (url: URL) => HostMatch | null {
  return (url) => {
    const host = hostOf(url);
    const rule = Object.hasOwn(table, host) ? table[host] : undefined;
    if (!rule) return null;
    const statusPageUrl = rule.canonical ?? `${url.origin}${rule.path}`;
    return { statusPageUrl, evidence: `known status host ${host}` };
  };
}
