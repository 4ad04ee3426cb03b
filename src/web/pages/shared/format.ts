// Words and times as the pages show them. Every page prints UTC (the same for every reader and
// without JavaScript); assets/app.js rewrites <time> elements to the reader's zone where it runs.
import type { FlagKind } from '../../../domain/hygiene-flags.js';
import { formatDuration } from '../../../domain/duration.js';
import type {
  ComponentStatus,
  EventType,
  Impact,
  Phase,
  VendorHealth,
} from '../../../domain/vocabulary.js';

const utcFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: true,
  timeZone: 'UTC',
});

const dayFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `Sep 10, 2025, 01:47 PM UTC`; an unreadable instant is shown as it is, never thrown on. */
export function formatUtc(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? `${utcFormat.format(ms)} UTC` : iso;
}

/** `Sep 10, 2025` (UTC). */
export function formatDay(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? dayFormat.format(ms) : iso;
}

/** `12 s ago`, `5 min ago`, `3 h ago`, `2 d ago`; `just now` under a second or in the future. */
export function formatAgo(iso: string, now: string): string {
  const seconds = Math.floor((Date.parse(now) - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds) || seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

export const statusLabels: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
  unknown: 'Unknown',
};

/** Hygiene flag names as pages show them. */
export const flagLabels: Record<FlagKind, string> = {
  stuck: 'Stuck',
  backdated: 'Backdated',
  downgraded: 'Downgraded',
  rewritten: 'Rewritten',
  silent_resolution: 'Silent resolution',
  no_components: 'No components',
  postmortem_missing: 'Postmortem missing',
};

export const impactLabels: Record<Impact, string> = {
  notice: 'Notice',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
  maintenance: 'Maintenance',
};

export const phaseLabels: Record<Phase, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

export const healthLabels: Record<VendorHealth, string> = {
  ok: 'Up to date',
  failing: 'Page failing',
  stale: 'Data stale',
};

export const eventLabels: Record<EventType, string> = {
  'incident.opened': 'Incident opened',
  'incident.updated': 'Incident updated',
  'incident.resolved': 'Incident resolved',
  'incident.reopened': 'Incident reopened',
  'incident.stuck': 'Incident stuck (no vendor update)',
  'maintenance.scheduled': 'Maintenance scheduled',
  'maintenance.started': 'Maintenance started',
  'maintenance.completed': 'Maintenance completed',
  'component.status_changed': 'Component status changed',
  'vendor.unreachable': 'Vendor unreachable',
  'vendor.recovered': 'Vendor recovered',
  'outage.correlated': 'Outage across vendors',
  'vendor.suspected': 'Suspected outage (probes failing)',
  'vendor.suspicion_cleared': 'Suspicion cleared (probes pass)',
};

/** A poll interval: `30 s` below a minute (formatDuration would say `under 1m`), else `5m`. */
export function formatInterval(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : formatDuration(seconds);
}

/** `1 incident`, `2 incidents`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Only http(s) links from vendors are followed; anything else (javascript:, data:) is dropped. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
