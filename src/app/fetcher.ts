// The fetcher and the vendors as the config sets them up, shared by the service and the
// one-off commands (poll, detect, add).
import type { AppConfig, ConfiguredVendor } from '../config/load.js';
import { undetectedPlatform } from '../domain/vocabulary.js';
import { createFetcher } from '../fetch/fetcher.js';
import { defaultFetcherSettings, type Fetcher } from '../fetch/types.js';
import type { SyncedVendor } from '../store/index.js';

export function createConfiguredFetcher(config: AppConfig): Fetcher {
  return createFetcher({
    ...defaultFetcherSettings,
    allowPrivateAddresses: config.network.allowPrivateAddresses,
    allowedPrivateRanges: [...config.network.allowedPrivateRanges],
    totalTimeoutMs: config.network.timeout * 1000,
    maxBodyBytes: config.network.maxBodyBytes,
    perHostConcurrency: config.network.perHostConcurrency,
  });
}

/**
 * The config's vendors as stored: one without `platform:` is stored undetected and its polls
 * detect the platform, so a page that cannot be detected yet is listed failing and retried. Their
 * probes come along: syncing them stores what the probe runner reads.
 */
export function configuredVendors(vendors: readonly ConfiguredVendor[]): SyncedVendor[] {
  return vendors.map((vendor) => ({ ...vendor, platform: vendor.platform ?? undetectedPlatform }));
}
