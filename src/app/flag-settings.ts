// The hygiene flag thresholds of each vendor from the config, and how often the sweep looks.
import type { AppConfig } from '../config/load.js';
import type { FlagSettings } from '../domain/hygiene-flags.js';

/** The sweep looks at least every minute, and four times within the shortest stuckAfter. */
const longestSweepMs = 60_000;
const shortestSweepMs = 250;

export function flagSettingsOf(config: Pick<AppConfig, 'flags'>): (slug: string) => FlagSettings {
  const { stuckAfterSeconds, postmortemAfterSeconds, stuckAfterByVendor } = config.flags;
  return (slug) => ({
    stuckAfterSeconds: stuckAfterByVendor[slug] ?? stuckAfterSeconds,
    postmortemAfterSeconds,
  });
}

export function flagSweepEveryMs(config: Pick<AppConfig, 'flags'>): number {
  const shortest = Math.min(
    config.flags.stuckAfterSeconds,
    ...Object.values(config.flags.stuckAfterByVendor),
  );
  return Math.max(shortestSweepMs, Math.min(longestSweepMs, (shortest * 1000) / 4));
}
