// What a platform adapter produces from one poll: the vendor's state as the vendor claims it.
// Ids are the vendor's own; vendorwatch's ids and observed times are added by the diff.
import type { ComponentStatus, Impact, IncidentKind, Phase, Platform } from './vocabulary.js';

export interface ObservedComponent {
  id: string;
  name: string;
  group: string | null;
  status: ComponentStatus;
  position: number;
}

export interface ObservedUpdate {
  sourceId: string;
  phase: Phase;
  /** Sanitized HTML (see sanitize.ts). */
  body: string;
  bodyText: string;
  postedAt: string;
  /** Component names this update touched; null when the platform does not say. */
  components: string[] | null;
}

export interface ObservedIncident {
  sourceId: string;
  title: string;
  kind: IncidentKind;
  impact: Impact;
  phase: Phase;
  startedAt: string;
  resolvedAt: string | null;
  sourceUrl: string | null;
  /** Names of affected components, deduplicated, in the vendor's order. */
  components: string[];
  /** Oldest first, by (postedAt, sourceId). */
  updates: ObservedUpdate[];
  scheduledFor: string | null;
  scheduledUntil: string | null;
  /**
   * Regions the vendor names apart from its services (Azure's region categories); absent when
   * the platform has no such field, so the stored value is left as it is.
   */
  regions?: string[];
}

export interface VendorSnapshot {
  platform: Platform;
  /** The page's own name, when it says. */
  pageName: string | null;
  components: ObservedComponent[];
  incidents: ObservedIncident[];
  /**
   * True when `incidents` holds every open incident and maintenance of the page, so an open one
   * that is missing was withdrawn by the vendor. False for sources that show only a window.
   */
  listsAllOpen: boolean;
  /** Items the adapter skipped or repaired, with the reason (for logs, never fatal). */
  warnings: string[];
}
