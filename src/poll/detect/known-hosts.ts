// Vendors whose status page has a fixed host and an API of its own (providers.md §9 step 1): the
// host name alone says the platform, so detection costs at most one confirming request.
import type { Platform } from '../../domain/vocabulary.js';

export interface KnownHost {
  platform: Platform;
  /** The page URL the adapter is configured with (its endpoints derive from it). */
  statusPageUrl: string;
  evidence: string;
}

interface HostRule {
  platform: Platform;
  /** Path kept after the origin when the pasted host is the canonical one. */
  path: string;
  /** When the pasted host is an old alias, the canonical page replaces it. */
  canonical?: string;
}

const hostRules: Readonly<Record<string, HostRule>> = {
  'status.slack.com': { platform: 'slack', path: '' },
  'slack-status.com': { platform: 'slack', path: '', canonical: 'https://status.slack.com' },
  'www.slack-status.com': { platform: 'slack', path: '', canonical: 'https://status.slack.com' },
  'status.heroku.com': { platform: 'heroku', path: '' },
  'status.cloud.google.com': { platform: 'gcp', path: '' },
  // Firebase publishes the same incidents.json schema as Google Cloud.
  'status.firebase.google.com': { platform: 'gcp', path: '' },
  'health.aws.amazon.com': { platform: 'aws', path: '/health/status' },
  'status.aws.amazon.com': {
    platform: 'aws',
    path: '/health/status',
    canonical: 'https://health.aws.amazon.com/health/status',
  },
  'azure.status.microsoft': { platform: 'azure', path: '/en-us/status/' },
  'status.azure.com': {
    platform: 'azure',
    path: '/en-us/status/',
    canonical: 'https://azure.status.microsoft/en-us/status/',
  },
};

const objectId = /\b[0-9a-f]{24}\b/i;

/** The fixed-host answer for a pasted URL, or null when its host is not one of them. */
export function matchKnownHost(url: URL): KnownHost | null {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const evidence = `known status host ${host}`;
  if (host === 'www.google.com' && url.pathname.toLowerCase().startsWith('/appsstatus')) {
    // Google Workspace publishes the Google Cloud incidents.json schema under its dashboard.
    return {
      platform: 'gcp',
      statusPageUrl: `${url.origin}/appsstatus/dashboard`,
      evidence: 'known status page www.google.com/appsstatus (Google Workspace)',
    };
  }
  if (host === 'status.io' || host.endsWith('.status.io')) {
    const id = objectId.exec(`${url.pathname}${url.hash}`)?.[0];
    if (id === undefined) return null;
    const statusPageUrl =
      host === 'api.status.io'
        ? `${url.origin}/1.0/status/${id}`
        : `${url.origin}/pages/history/${id}`;
    return { platform: 'statusio', statusPageUrl, evidence: `${evidence} with page id ${id}` };
  }
  const rule = hostRules[host];
  if (!rule) return null;
  const statusPageUrl = rule.canonical ?? `${url.origin}${rule.path}`;
  return { platform: rule.platform, statusPageUrl, evidence };
}

/** Hosting domains that name a platform but whose pages still answer its JSON probe. */
export function hostedPlatformHint(url: URL): Platform | null {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host.endsWith('.statuspage.io')) return 'statuspage';
  if (host.endsWith('.instatus.com')) return 'instatus';
  if (host.endsWith('.betteruptime.com') || host.endsWith('.betterstack.com')) return 'betterstack';
  if (host.endsWith('.incident.io')) return 'incidentio';
  return null;
}
