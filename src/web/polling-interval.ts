// The interval a vendor is polled at right now, as the pages and the API show it: the poller's
// own decision (src/domain/active-polling.ts) applied to what the store says of the vendor.
import { defaultActiveIntervalSeconds } from '../config/schema.js';
import { effectiveIntervalSeconds } from '../domain/active-polling.js';

export interface PolledVendor {
  slug: string;
  intervalSeconds: number;
  hasOpenIncident: boolean;
  /** Its probes fail while its page says nothing (docs/contract.md#probes). */
  suspected?: boolean;
}

/** The interval the poller uses for this vendor now, by the poller's own decision. */
export function effectiveIntervalOf(
  vendor: PolledVendor,
  activeIntervalFor: ((slug: string) => number) | undefined,
): number {
  return effectiveIntervalSeconds(
    {
      intervalSeconds: vendor.intervalSeconds,
      activeIntervalSeconds: activeIntervalFor?.(vendor.slug) ?? defaultActiveIntervalSeconds,
    },
    { hasOpenIncident: vendor.hasOpenIncident, suspected: vendor.suspected ?? false },
  );
}
