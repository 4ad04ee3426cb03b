// Tells "vendorwatch's own network is down" from "vendors are down": it keeps each vendor's
// latest poll outcome (did anything answer?) and calls the poller degraded while most recently
// polled vendors could not be reached. Pure but for the clock passed in.
import {
  looksLikeOwnNetworkDown,
  ownNetworkRule,
  type ReachCounts,
} from '../domain/own-network.js';

interface NetworkState extends ReachCounts {
  degraded: boolean;
}

interface NetworkWatchOptions {
  now?: () => Date;
  minVendors?: number;
  ratio?: number;
  /** Outcomes older than this are forgotten, so a removed vendor stops counting. */
  memorySeconds?: number;
  /** Called once per transition, with the counts that caused it. */
  onChange?: (degraded: boolean, counts: ReachCounts) => void;
}

export interface NetworkWatch {
  /** `reached`: the vendor's server answered anything, even an error or an unreadable body. */
  observe(slug: string, reached: boolean): void;
  degraded(): boolean;
  state(): NetworkState;
}

interface Outcome {
  reached: boolean;
  atMs: number;
}

export function createNetworkWatch(options: NetworkWatchOptions = {}): NetworkWatch {
  const now = options.now ?? (() => new Date());
  const memoryMs = (options.memorySeconds ?? 3600) * 1000;
  const rule = {
    minVendors: options.minVendors ?? ownNetworkRule.minVendors,
    ratio: options.ratio ?? ownNetworkRule.ratio,
  };
  const latest = new Map<string, Outcome>();
  let unreached = 0;
  let degraded = false;

  function forget(slug: string, outcome: Outcome): void {
    latest.delete(slug);
    if (!outcome.reached) unreached -= 1;
  }

  // Counts are kept as outcomes come in and the map is in observation order (observe re-inserts),
  // so judging costs O(1) per poll plus the outcomes that expired since the last look.
  function sweep(nowMs: number): void {
    const cutoff = nowMs - memoryMs;
    for (const [slug, outcome] of latest) {
      if (outcome.atMs >= cutoff) break;
      forget(slug, outcome);
    }
  }

  function evaluate(): NetworkState {
    sweep(now().getTime());
    const counts = { unreached, observed: latest.size };
    const next = looksLikeOwnNetworkDown(counts, rule);
    if (next !== degraded) {
      // Set before the callback, so a callback that throws cannot make it fire twice.
      degraded = next;
      options.onChange?.(next, counts);
    }
    return { degraded, ...counts };
  }

  return {
    observe(slug, reached) {
      const known = latest.get(slug);
      if (known) forget(slug, known);
      latest.set(slug, { reached, atMs: now().getTime() });
      if (!reached) unreached += 1;
      evaluate();
    },
    degraded: () => evaluate().degraded,
    state: evaluate,
  };
}
