// The normalized model every platform maps into (docs/contract.md#domain-model). Times are ISO 8601
// UTC strings.
import type {
  Category,
  ComponentStatus,
  EventType,
  Impact,
  IncidentKind,
  Phase,
  Platform,
} from './vocabulary.js';

export interface Vendor {
  slug: string;
  name: string;
  statusPageUrl: string;
  platform: Platform;
  category: Category;
  /** Poll interval in whole seconds. */
  intervalSeconds: number;
  /** The component names followed (domain/followed-components.ts); absent or null: all. */
  followedComponents?: readonly string[] | null;
}

export interface Component {
  /** Vendor-scoped id (the vendor's own component id). */
  id: string;
  name: string;
  group: string | null;
  status: ComponentStatus;
  /** Display order as the vendor lists it (groups first-level, children after their group). */
  position: number;
}

export interface IncidentUpdate {
  /** The vendor's own id of the update. */
  id: string;
  phase: Phase;
  /** Vendor text as HTML cut down to a safe allowlist. */
  body: string;
  /** The same text as plain text. */
  bodyText: string;
  /** The vendor's time for the update (what its page shows). */
  postedAt: string;
  /** When vendorwatch first saw the update. */
  detectedAt: string;
  /** Component names the update says it touched; null when the platform does not say. */
  components: string[] | null;
}

export interface Incident {
  /** Stable, URL-safe, unique across vendors: `<vendorSlug>-<sourceId>`. */
  id: string;
  vendorSlug: string;
  sourceId: string;
  title: string;
  kind: IncidentKind;
  impact: Impact;
  phase: Phase;
  startedAt: string;
  resolvedAt: string | null;
  detectedAt: string;
  backfilled: boolean;
  sourceUrl: string | null;
  components: string[];
  /** Maintenance window the vendor announced; null for incidents. */
  scheduledFor: string | null;
  scheduledUntil: string | null;
  /** Regions the vendor names apart from its services (Azure); empty when it names none. */
  regions: string[];
  /**
   * Observed by vendorwatch: the earliest failing probe of the suspected outage linked to this
   * incident (docs/contract.md#probes); null or absent when none was linked.
   */
  firstSignalAt?: string | null;
}

export interface IncidentWithUpdates extends Incident {
  /** Oldest first. */
  updates: IncidentUpdate[];
}

export interface ComponentChange {
  id: string;
  name: string;
  from: ComponentStatus | null;
  to: ComponentStatus;
}

/** A change derived by diffing two snapshots of a vendor, or by a poll outcome. */
export interface VendorEvent {
  id: string;
  type: EventType;
  vendorSlug: string;
  incidentId: string | null;
  /** The vendor's id of the update this event is about, when it is about one. */
  updateId: string | null;
  component: ComponentChange | null;
  /** The before/after values that changed, keyed by field name. */
  changes: Record<string, { from: unknown; to: unknown }>;
  at: string;
}
