// The AWS Health Dashboard's fixed host; the old status host redirects there.
import { fixedHosts } from '../detect-kit/hosts.js';
import type { PlatformDetection } from '../detect-kit/types.js';

export const awsDetection: PlatformDetection = {
  knownHost: fixedHosts({
    'health.aws.amazon.com': { path: '/health/status' },
    'status.aws.amazon.com': {
      path: '/health/status',
      canonical: 'https://health.aws.amazon.com/health/status',
    },
  }),
};
