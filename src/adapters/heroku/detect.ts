// Heroku's fixed status host.
import { fixedHosts } from '../detect-kit/hosts.js';
import type { PlatformDetection } from '../detect-kit/types.js';

export const herokuDetection: PlatformDetection = {
  knownHost: fixedHosts({ 'status.heroku.com': { path: '' } }),
};
