// Which platforms the simulator serves, and how: every registered adapter that carries a
// renderer. A vendor's platform picks the paths it answers and the format of each body.
import { adapters } from '../adapters/registry.js';
import type { SimFormat } from '../adapters/sim-kit/format.js';
import type { SimVendorIdentity, SimVendorState } from '../adapters/sim-kit/types.js';
import type { Platform } from '../domain/vocabulary.js';

/** A platform the simulator can imitate. */
export type SimPlatform = Platform;

const formats = new Map<SimPlatform, SimFormat>(
  adapters.flatMap((adapter) =>
    adapter.simulator ? [[adapter.platform, adapter.simulator] as const] : [],
  ),
);

/** The platforms the simulator serves, in registry order. */
export const simPlatforms: readonly SimPlatform[] = [...formats.keys()];

export function platformOf(identity: SimVendorIdentity): SimPlatform {
  return identity.platform ?? 'statuspage';
}

function formatOf(platform: SimPlatform): SimFormat {
  const format = formats.get(platform);
  if (!format) throw new Error(`the simulator does not serve platform "${platform}"`);
  return format;
}

/** The endpoint a path names for this platform, or undefined (→ 404). */
export function endpointOfPath(platform: SimPlatform, path: string): string | undefined {
  const { paths } = formatOf(platform);
  return Object.hasOwn(paths, path) ? paths[path] : undefined;
}

export function contentTypeOf(platform: SimPlatform): string {
  return formatOf(platform).contentType;
}

export function renderBody(
  platform: SimPlatform,
  endpoint: string,
  identity: SimVendorIdentity,
  state: SimVendorState,
  pageUrl: string,
): string {
  return formatOf(platform).render(endpoint, identity, state, pageUrl);
}
