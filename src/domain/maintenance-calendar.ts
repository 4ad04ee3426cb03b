// A maintenance as a calendar event (docs/compat.md#maintenance-calendar): its window, whether it
// was cancelled, and how many times the vendor changed it, so a calendar client replaces the
// event it holds (same UID, higher SEQUENCE) instead of adding a second one.
import type { Incident } from './model.js';
import { closedPhases } from './vocabulary.js';

export interface CalendarEntry {
  /** Stable across polls, restarts and edits: the incident id at vendorwatch's host. */
  uid: string;
  /** Higher after every change a calendar must follow (RFC 5545 §3.8.7.4). */
  sequence: number;
  start: string;
  /** Null for an open-ended window the vendor gave no end for. */
  end: string | null;
  cancelled: boolean;
}

/**
 * Our model has no "cancelled": vendors cancel a window by removing it (vendorwatch closes an open
 * item the vendor stopped listing, at that moment) or by completing it. Either way, a maintenance
 * closed before its window began never happened, so the calendar shows it cancelled.
 */
export function isCancelledMaintenance(maintenance: Incident): boolean {
  if (!closedPhases.includes(maintenance.phase) || maintenance.resolvedAt === null) return false;
  return Date.parse(maintenance.resolvedAt) < Date.parse(windowStart(maintenance));
}

export function windowStart(maintenance: Incident): string {
  return maintenance.scheduledFor ?? maintenance.startedAt;
}

/** The announced end, else the actual one; null when neither is known or it precedes the start. */
export function windowEnd(maintenance: Incident): string | null {
  const start = Date.parse(windowStart(maintenance));
  for (const end of [maintenance.scheduledUntil, maintenance.resolvedAt]) {
    if (end !== null && Date.parse(end) > start) return end;
  }
  return null;
}

/**
 * `revisionCount`: the vendor edits stored for it (a reschedule stores one for each moved end of
 * the window, a withdrawal one more). Cancelling is a change too, so it adds one.
 */
export function calendarEntry(
  maintenance: Incident,
  revisionCount: number,
  host: string,
): CalendarEntry {
  const cancelled = isCancelledMaintenance(maintenance);
  return {
    uid: `${maintenance.id}@${host}`,
    sequence: revisionCount + (cancelled ? 1 : 0),
    start: windowStart(maintenance),
    end: windowEnd(maintenance),
    cancelled,
  };
}
