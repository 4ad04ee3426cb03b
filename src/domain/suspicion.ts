// Suspected outages: a vendor whose own probes fail `suspectAfter` times in a row while its page
// shows no open incident becomes `suspected`; passing probes clear it; an incident the vendor then
// posts is linked to it (src/store/probes.ts, in the poll's commit). Pure: one probe result in,
// the next state and what to record out. Failures while our own network looks down never count,
// so losing our uplink cannot raise a suspicion for every vendor at once.

export const defaultSuspectAfter = 2;

export interface SuspicionState {
  /** Failing results in a row that count toward a suspicion. */
  streak: number;
  /** The first failing result of the streak: a suspicion's firstSignalAt. */
  streakStartedAt: string | null;
  /** The vendor's open suspicion as this worker knows it; null when none. */
  open: { firstSignalAt: string; suspectedAt: string } | null;
}

export const calmSuspicion: SuspicionState = { streak: 0, streakStartedAt: null, open: null };

export interface ProbeObservation {
  ok: boolean;
  at: string;
  /** Our own network looks down (the network watch): failures say nothing about the vendor. */
  networkDegraded: boolean;
  /** The vendor's page shows an open incident: it has said so itself. Asked on failures only. */
  vendorHasOpenIncident: boolean;
}

export type SuspicionAction =
  | { kind: 'none' }
  | { kind: 'suspect'; firstSignalAt: string; failures: number }
  | {
      kind: 'clear';
      firstSignalAt: string;
      suspectedAt: string;
      /**
       * 'probes pass', or 'incident open': the vendor shows an incident. A poll that stores a new
       * incident links the suspicion in its commit, so then there is nothing left to clear; this
       * ends one the vendor's incident could not be linked to (it was already on the page).
       * 'probes removed': the runner's (src/poll/probes.ts), for a vendor left without probes.
       */
      because: 'probes pass' | 'incident open' | 'probes removed';
    };

export interface SuspicionStep {
  state: SuspicionState;
  action: SuspicionAction;
}

const none: SuspicionAction = { kind: 'none' };

export function stepSuspicion(
  state: SuspicionState,
  observation: ProbeObservation,
  suspectAfter: number,
): SuspicionStep {
  if (observation.ok) {
    const calm = { streak: 0, streakStartedAt: null, open: null };
    if (!state.open) return { state: calm, action: none };
    const { firstSignalAt, suspectedAt } = state.open;
    return {
      state: calm,
      action: { kind: 'clear', firstSignalAt, suspectedAt, because: 'probes pass' },
    };
  }
  if (observation.vendorHasOpenIncident) {
    // The vendor already says so: nothing to suspect. An open suspicion was linked to its
    // incident when the poll stored it; one that could not be (see `because`) ends here.
    const calm = { streak: 0, streakStartedAt: null, open: null };
    if (!state.open) return { state: calm, action: none };
    const { firstSignalAt, suspectedAt } = state.open;
    return {
      state: calm,
      action: { kind: 'clear', firstSignalAt, suspectedAt, because: 'incident open' },
    };
  }
  if (observation.networkDegraded) {
    // Held, and the streak starts over: a failure seen through a dead uplink is no evidence.
    return { state: { ...state, streak: 0, streakStartedAt: null }, action: none };
  }
  const streak = state.streak + 1;
  const streakStartedAt = state.streakStartedAt ?? observation.at;
  if (state.open || streak < suspectAfter) {
    return { state: { ...state, streak, streakStartedAt }, action: none };
  }
  return {
    state: {
      streak,
      streakStartedAt,
      open: { firstSignalAt: streakStartedAt, suspectedAt: observation.at },
    },
    action: { kind: 'suspect', firstSignalAt: streakStartedAt, failures: streak },
  };
}

/**
 * How long after the probes' first failure the vendor posted: its first update's own time
 * (vendor-claimed) minus firstSignalAt (observed by vendorwatch). Negative when the vendor's
 * claimed post time is earlier; null without a linked suspicion.
 */
export function postingLagSeconds(
  firstSignalAt: string | null,
  vendorFirstPostAt: string | null,
): number | null {
  if (firstSignalAt === null || vendorFirstPostAt === null) return null;
  return Math.round((Date.parse(vendorFirstPostAt) - Date.parse(firstSignalAt)) / 1000);
}

/** The median of the lags (the middle two averaged), rounded to a second; null for none. */
export function medianSeconds(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(median);
}

/** The vendor's first post on an incident: its earliest update's own time; null without any. */
export function vendorFirstPostAt(updates: ReadonlyArray<{ postedAt: string }>): string | null {
  let first: string | null = null;
  for (const { postedAt } of updates) {
    if (first === null || Date.parse(postedAt) < Date.parse(first)) first = postedAt;
  }
  return first;
}

/** An incident's posting lag (see postingLagSeconds); null without a linked suspicion. */
export function incidentPostingLagSeconds(incident: {
  firstSignalAt?: string | null;
  updates: ReadonlyArray<{ postedAt: string }>;
}): number | null {
  return postingLagSeconds(incident.firstSignalAt ?? null, vendorFirstPostAt(incident.updates));
}

/** `45 s`, `11 min`, `2 h 5 min`: a lag as people say it. */
export function formatLag(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest > 0 ? ` ${rest} min` : ''}`;
}

/** "vendorwatch's probes saw errors 11 min before Balena posted" (or after, when backdated). */
export function describePostingLag(lagSeconds: number, vendorName: string): string {
  if (lagSeconds >= 0) {
    return `vendorwatch's probes saw errors ${formatLag(lagSeconds)} before ${vendorName} posted`;
  }
  return `${vendorName}'s first post is dated ${formatLag(lagSeconds)} before vendorwatch's probes saw errors`;
}
