// The phase of a maintenance follows its window when the vendor does not state it: a maintenance
// listed only as "maintenance" or "open" (Better Stack's aggregate_state, a status outside the
// platform's enum, none at all) is scheduled before its start, in progress inside its window and
// over after its end. A lifecycle state the vendor does state (Statuspage's `in_progress`, …) is
// kept: vendors start early and overrun, and say so. docs/platforms.md#maintenance-windows
import type { Phase } from './vocabulary.js';

/** The vendor's stated maintenance phase, or `open` when it says only that the maintenance is listed. */
export type StatedMaintenancePhase = Phase | 'open';

export interface MaintenanceWindow {
  startsAt: string | null;
  /** Null for an open-ended window: in progress until the vendor closes it. */
  endsAt: string | null;
}

/**
 * The phase at `observedAt` (ISO 8601 UTC; null when no time is known, then an open maintenance
 * reads as in progress, as the vendor lists it).
 */
export function maintenancePhaseAt(
  stated: StatedMaintenancePhase,
  window: MaintenanceWindow,
  observedAt: string | null,
): Phase {
  if (stated !== 'open') return stated;
  if (observedAt === null) return 'in_progress';
  const at = Date.parse(observedAt);
  if (window.startsAt !== null && at < Date.parse(window.startsAt)) return 'scheduled';
  if (window.endsAt !== null && at >= Date.parse(window.endsAt)) return 'completed';
  return 'in_progress';
}
