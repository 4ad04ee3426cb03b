// Each vendor's active interval from the config: its own `activeInterval`, else the global one.
import type { AppConfig } from '../config/load.js';

export function activeIntervalOf(config: Pick<AppConfig, 'polling'>): (slug: string) => number {
  const { activeIntervalSeconds, activeIntervalByVendor } = config.polling;
  return (slug) => activeIntervalByVendor[slug] ?? activeIntervalSeconds;
}
