// The fetcher and platform detection as the config sets them up, shared by the service and the
// one-off commands (poll, detect, add).
import type { AppConfig, ConfiguredVendor } from '../config/load.js';
import type { Vendor } from '../domain/model.js';
import { createFetcher } from '../fetch/fetcher.js';
import { defaultFetcherSettings, type Fetcher } from '../fetch/types.js';
import type { Logger } from '../logger.js';
import { detectPlatform } from '../poll/detect.js';

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

/** Fills in platforms the config left out by probing the vendor's page. */
export async function resolveVendors(
  vendors: readonly ConfiguredVendor[],
  fetcher: Fetcher,
  logger: Logger,
): Promise<Vendor[]> {
  const resolved: Vendor[] = [];
  for (const vendor of vendors) {
    if (vendor.platform) {
      resolved.push({ ...vendor, platform: vendor.platform });
      continue;
    }
    const detection = await detectPlatform(fetcher, vendor.statusPageUrl);
    if (!detection.ok) {
      logger.warn(
        { vendor: vendor.slug, error: detection.error },
        'platform detection failed; vendor skipped',
      );
      continue;
    }
    // Detection normalizes the URL too (a feed's own URL, a status.io page id, a redirect).
    resolved.push({
      ...vendor,
      platform: detection.platform,
      statusPageUrl: detection.statusPageUrl,
    });
  }
  return resolved;
}
