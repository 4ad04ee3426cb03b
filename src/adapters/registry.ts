// Every platform, in one literal list: a new platform is a folder plus its entry here (the import
// and its line in the list). The order is the order detection tries their rules in and the order
// every list of platforms is shown in.
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
import { sorryAdapter } from './sorry/index.js';
import { statuspageAdapter } from './statuspage/index.js';
import { statusioAdapter } from './statusio/index.js';
import type { PlatformAdapter, PlatformDescriptor } from './types.js';

export const adapters = [
  statuspageAdapter,
  incidentioAdapter,
  instatusAdapter,
  betterstackAdapter,
  cachetAdapter,
  statusioAdapter,
  rssAdapter,
  gcpAdapter,
  awsAdapter,
  azureAdapter,
  slackAdapter,
  herokuAdapter,
  sorryAdapter,
] as const satisfies readonly PlatformDescriptor[];

/** A platform id of the registry, as a literal type. */
type RegisteredPlatform = (typeof adapters)[number]['platform'];

/** Every registered platform id, in registry order: what config, the API and the CLI accept. */
export const platforms: readonly RegisteredPlatform[] = adapters.map((adapter) => adapter.platform);

export function isPlatform(value: unknown): value is RegisteredPlatform {
  return typeof value === 'string' && (platforms as readonly string[]).includes(value);
}

const byPlatform = indexAdapters<PlatformDescriptor>(adapters);

export function getAdapter(platform: Platform): PlatformDescriptor | undefined {
  return byPlatform.get(platform);
}

/** Checked at load: two adapters claiming one platform is a wiring bug, not a runtime choice. */
export function indexAdapters<T extends PlatformAdapter>(
  list: readonly T[],
): ReadonlyMap<Platform, T> {
  const map = new Map<Platform, T>();
  for (const adapter of list) {
    if (map.has(adapter.platform)) {
      throw new Error(`Two adapters are registered for platform "${adapter.platform}"`);
    }
    map.set(adapter.platform, adapter);
  }
  return map;
}
