// Every platform adapter, in one literal list (STYLE.md §2): a new platform is a folder plus one line.
import type { Platform } from '../domain/vocabulary.js';
import { awsAdapter } from './aws/index.js';
import { azureAdapter } from './azure/index.js';
import { betterstackAdapter } from './betterstack/index.js';
import { cachetAdapter } from './cachet/index.js';
import { gcpAdapter } from './gcp/index.js';
import { herokuAdapter } from './heroku/index.js';
import { incidentioAdapter } from './incidentio/index.js';
import { instatusAdapter } from './instatus/index.js';
import { rssAdapter } from './rss/index.js';
import { slackAdapter } from './slack/index.js';
import { statuspageAdapter } from './statuspage/index.js';
import { statusioAdapter } from './statusio/index.js';
import type { PlatformAdapter } from './types.js';

export const adapters = [
  statuspageAdapter,
  rssAdapter,
  incidentioAdapter,
  instatusAdapter,
  cachetAdapter,
  statusioAdapter,
  slackAdapter,
  herokuAdapter,
  gcpAdapter,
  awsAdapter,
  betterstackAdapter,
  azureAdapter,
] as const satisfies readonly PlatformAdapter[];

const byPlatform = indexAdapters(adapters);

export function getAdapter(platform: Platform): PlatformAdapter | undefined {
  return byPlatform.get(platform);
}

/** Checked at load: two adapters claiming one platform is a wiring bug, not a runtime choice. */
export function indexAdapters(
  list: readonly PlatformAdapter[],
): ReadonlyMap<Platform, PlatformAdapter> {
  const map = new Map<Platform, PlatformAdapter>();
  for (const adapter of list) {
    if (map.has(adapter.platform)) {
      throw new Error(`Two adapters are registered for platform "${adapter.platform}"`);
    }
    map.set(adapter.platform, adapter);
  }
  return map;
}
