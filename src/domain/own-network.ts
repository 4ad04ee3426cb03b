// When most status pages cannot be reached at once, the likelier fault is vendorwatch's own
// network, not a dozen vendors failing together. The poller (held alerts) and the dashboard
// (a banner) judge with this one rule, each from what it can see.

interface OwnNetworkRule {
  /** Fewer unreachable vendors than this is never blamed on us: two vendors can fail together. */
  minVendors: number;
  /** Share of the observed vendors that must be unreachable, in (0, 1]. */
  ratio: number;
}

export const ownNetworkRule: OwnNetworkRule = { minVendors: 3, ratio: 0.8 };

export interface ReachCounts {
  unreached: number;
  observed: number;
}

export function looksLikeOwnNetworkDown(
  counts: ReachCounts,
  rule: OwnNetworkRule = ownNetworkRule,
): boolean {
  // Division is correctly rounded, so 8/10 equals the literal 0.8, where 0.8 * 10 compares
  // against a product that may land one ulp off.
  return counts.unreached >= rule.minVendors && counts.unreached / counts.observed >= rule.ratio;
}
