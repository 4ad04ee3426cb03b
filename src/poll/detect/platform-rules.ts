// Every registered platform's detection rules, in registry order: the order the walk tries them
// in wherever several could apply. Nothing in the walk names a platform itself.
import { adapters } from '../../adapters/registry.js';
import type { PlatformDetection } from '../../adapters/detect-kit/types.js';
import type { Platform } from '../../domain/vocabulary.js';

interface PlatformRules extends PlatformDetection {
  platform: Platform;
}

export const platformRules: readonly PlatformRules[] = adapters.map((adapter) => ({
  ...adapter.detection,
  platform: adapter.platform,
}));
