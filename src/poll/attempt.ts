// What one poll carries from step to step: its dependencies, the vendor and poll state it
// started from, what was fetched and parsed, and the outcome it reports.
import type { Kysely } from 'kysely';
import type { PlatformAdapter } from '../adapters/types.js';
import type { CyclePlan, PreviousState } from '../domain/diff.js';
import type { HealthChange } from '../domain/health-change.js';
import type { FlagSettings } from '../domain/hygiene-flags.js';
import type { Vendor, VendorEvent } from '../domain/model.js';
import type { RouteEvent } from '../domain/routing.js';
import type { Platform } from '../domain/vocabulary.js';
import type { ConditionalValidators, Fetcher } from '../fetch/types.js';
import type { BookkeepingBatch, CorrelationSettings, PollState } from '../store/index.js';
import type { Database } from '../store/schema.js';
import type { NetworkWatch } from './network-watch.js';

export interface PollDeps {
  db: Kysely<Database>;
  fetcher: Fetcher;
  adapterFor: (platform: Platform) => PlatformAdapter | undefined;
  /** The notification targets an event goes to, asked before the commit writes its outbox rows. */
  routeEvent: RouteEvent;
  now: () => Date;
  random: () => number;
  /** This worker's lease name; null when leases are not used (one-off polls). */
  leaseOwner: string | null;
  /** Called after a commit with the events it recorded. */
  onEvents?: (events: VendorEvent[]) => void;
  /** Called after a commit that moved the vendor's health (ok ↔ failing, or a new reason). */
  onHealthChange?: (change: HealthChange) => void;
  /** Sees every poll's outcome; while it says degraded, vendor.unreachable is held back. */
  networkWatch?: NetworkWatch;
  /** Aborted when this worker's lease may have run out: the poll stops and records nothing. */
  signal?: AbortSignal;
  /** Gathers polls that only move the poll state into shared transactions (the scheduler's). */
  bookkeeping?: BookkeepingBatch;
  /** Groups committed incidents into outages that span vendors; off for one-off polls. */
  correlation?: CorrelationSettings;
  /** A vendor's interval while it has an open incident (config); its own interval when absent. */
  activeIntervalFor?: (vendorSlug: string) => number;
  /** Whether this worker's probes hold the vendor suspected: it is polled fast then, too. */
  suspectedFor?: (vendorSlug: string) => boolean;
  /** A vendor's hygiene flag thresholds (config); the defaults when absent. */
  flagSettingsFor?: (vendorSlug: string) => FlagSettings;
}

export type PollOutcome =
  | { vendorSlug: string; kind: 'changed' | 'unchanged'; events: number; durationMs: number }
  | { vendorSlug: string; kind: 'failed'; error: string; events: number; durationMs: number }
  | { vendorSlug: string; kind: 'crashed'; error: string; events: 0; durationMs: number };

/** One poll in progress: who, what the store knew, and when it started. */
export interface Attempt {
  deps: PollDeps;
  vendor: Vendor;
  state: PollState;
  started: Date;
  /** A fetch begun while our network looked down may still fail after it came back. */
  degradedAtStart: boolean;
}

export interface FetchedBodies {
  /** Bodies of endpoints that answered 200, or null for a failed optional endpoint. */
  bodies: Record<string, string | null>;
  /** Keys of endpoints that answered 304: their bodies are the stored ones. */
  notModified: string[];
  validators: Record<string, ConditionalValidators>;
}

export interface Failure {
  /** The vendor's server answered something (see NetworkWatch.observe). */
  reached: boolean;
  retryAfterSeconds?: number | undefined;
}

export interface Parsed {
  /** What the diff started from, so routing knows each incident as the plan leaves it. */
  previous: PreviousState | null;
  plan: CyclePlan;
  bodies: Record<string, string | null>;
  pageName: string | null;
  /** What the adapter could not read (unknown values, cuts), shown on the vendor. */
  warnings: readonly string[];
}
