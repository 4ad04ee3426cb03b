// Google Cloud's fixed hosts; Firebase and Google Workspace publish the same incidents.json schema.
import { fixedHosts, hostOf } from '../detect-kit/hosts.js';
import type { HostMatch, PlatformDetection } from '../detect-kit/types.js';

const hosts = fixedHosts({
  'status.cloud.google.com': { path: '' },
  'status.firebase.google.com': { path: '' },
});

function gcpHost(url: URL): HostMatch | null {
  if (hostOf(url) === 'www.google.com' && url.pathname.toLowerCase().startsWith('/appsstatus')) {
    return {
      statusPageUrl: `${url.origin}/appsstatus/dashboard`,
      evidence: 'known status page www.google.com/appsstatus (Google Workspace)',
    };
  }
  return hosts(url);
}

export const gcpDetection: PlatformDetection = { knownHost: gcpHost };
