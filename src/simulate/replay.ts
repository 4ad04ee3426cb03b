// Timeline mode: each vendor's steps are applied at their recorded offsets in real time. Targets
// are absolute (start + sum of afterMs), so timer lateness does not accumulate across steps.
import type { Fleet } from './fleet.js';
import { emptyState, stepState, timelineIdentity } from './timeline-state.js';
import type { Timeline, TimelineVendor } from './timeline-schema.js';
import type { SimVendorIdentity, SimVendorState } from '../adapters/sim-kit/types.js';

interface ReplayVendor {
  def: TimelineVendor;
  identity: SimVendorIdentity;
  /** The state served from the start: step 0 when it is due at once (a baseline, not a change). */
  initial: SimVendorState;
  /** Index of the first step still to apply. */
  firstPending: number;
}

/**
 * The timeline's vendors, repeated in order with slugs suffixed -2, -3… when `count` asks for
 * more than the file holds (a fleet of identical incidents for benchmarks).
 */
export function timelineVendors(
  timeline: Timeline,
  count: number | undefined,
  now: number,
): ReplayVendor[] {
  const defs = timeline.vendors;
  const total = count ?? defs.length;
  return Array.from({ length: total }, (_, index) => {
    const def = defs[index % defs.length] as TimelineVendor;
    const round = Math.floor(index / defs.length);
    const identity = timelineIdentity(def, round === 0 ? def.slug : `${def.slug}-${round + 1}`);
    const first = def.steps[0];
    const immediate = first !== undefined && first.afterMs === 0;
    const empty = emptyState(def, now);
    return {
      def,
      identity,
      initial: immediate ? stepState(def, first, empty, now) : empty,
      firstPending: immediate ? 1 : 0,
    };
  });
}

export class TimelineReplay {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly fleet: Fleet,
    private readonly vendors: readonly ReplayVendor[],
  ) {}

  /** Schedules every remaining step relative to `startedAt` (when serving began). */
  start(startedAt: number): void {
    this.vendors.forEach((vendor, index) => {
      let target = startedAt;
      const steps = vendor.def.steps;
      const schedule = (stepIndex: number): void => {
        const step = steps[stepIndex];
        if (!step) return;
        target += step.afterMs;
        const timer = setTimeout(
          () => {
            this.timers.delete(timer);
            const fleetVendor = this.fleet.vendors[index];
            if (!fleetVendor) return;
            const now = Date.now();
            this.fleet.replace(index, stepState(vendor.def, step, fleetVendor.state, now), now);
            schedule(stepIndex + 1);
          },
          Math.max(0, target - Date.now()),
        );
        this.timers.add(timer);
      };
      schedule(vendor.firstPending);
    });
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
