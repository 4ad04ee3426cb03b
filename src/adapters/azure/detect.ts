// Azure's fixed status host; its one endpoint is an RSS feed, so confirming asks for a feed.
import { fixedHosts } from '../detect-kit/hosts.js';
import type { PlatformDetection } from '../detect-kit/types.js';

export const azureDetection: PlatformDetection = {
  knownHost: fixedHosts({
    'azure.status.microsoft': { path: '/en-us/status/' },
    'status.azure.com': {
      path: '/en-us/status/',
      canonical: 'https://azure.status.microsoft/en-us/status/',
    },
  }),
  confirmAs: 'feed',
};
