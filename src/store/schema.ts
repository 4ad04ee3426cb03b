// Row types of the store. Times are ISO 8601 UTC text in both SQLite and PostgreSQL so the same
// queries compare and sort them; booleans are 0/1 integers; lists are JSON text.
import type { Generated } from 'kysely';

export interface VendorTable {
  slug: string;
  name: string;
  status_page_url: string;
  platform: string;
  category: string;
  interval_seconds: number;
  /** 'config' (from the config file) or 'api' (added at run time). */
  source: string;
  /** 1 while the vendor is watched; vendors dropped from config keep their history. */
  enabled: number;
  created_at: string;
  /** 1 while paused from the watch list: not polled, still shown with its history. */
  paused: Generated<number>;
  /** JSON array of the component names followed; null follows all (domain/followed-components.ts). */
  followed_components: Generated<string | null>;
  /** JSON array of the vendor's probe specs (domain/probe.ts ProbeSpec); null: no probes. */
  probes: Generated<string | null>;
  /** Failing probe results in a row before the vendor is suspected; null: the global one. */
  suspect_after: Generated<number | null>;
}

/** Poll bookkeeping, one row per vendor; also the lease that lets several workers share polls. */
export interface VendorStateTable {
  slug: string;
  next_poll_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  consecutive_failures: Generated<number>;
  /** 1 once vendor.unreachable was recorded for the current failure streak. */
  unreachable_reported: Generated<number>;
  /** JSON: { [endpointUrl]: { etag, lastModified } } for conditional requests. */
  validators: string | null;
  page_name: string | null;
  /** 1 when the last poll failed without any answer from the server (refused, DNS, timeout). */
  unreached: Generated<number>;
  /** JSON array: what the adapter could not read on the last parsed poll; null before one. */
  warnings: string | null;
  /** The first successful poll; set once, never moved. */
  first_success_at: string | null;
  /** The first failed poll of the current failure streak; null while the last poll succeeded. */
  failing_since: string | null;
  /** The random secret of this vendor's push URL (/ingest/{slug}/{token}); null until made. */
  ingest_token: string | null;
  /** When the last accepted push for this vendor arrived (a hint to poll now). */
  push_received_at: string | null;
  /** The start of the poll that answered the last push; push → stored is the gap. */
  push_polled_at: string | null;
}

/** The raw bodies of a vendor's last parsed poll, served again on a 304 and kept for re-normalizing. */
interface VendorPayloadTable {
  slug: string;
  /** JSON: { [endpointKey]: body | null }. */
  raw_payload: string;
  updated_at: string;
}

interface ComponentTable {
  vendor_slug: string;
  id: string;
  name: string;
  group_name: string | null;
  status: string;
  position: number;
  updated_at: string;
}

export interface IncidentTable {
  id: string;
  vendor_slug: string;
  source_id: string;
  title: string;
  kind: string;
  impact: string;
  phase: string;
  started_at: string;
  resolved_at: string | null;
  detected_at: string;
  backfilled: number;
  source_url: string | null;
  /** JSON array of component names. */
  components: string;
  scheduled_for: string | null;
  scheduled_until: string | null;
  /** JSON array of region names the vendor lists apart from its services (Azure). */
  regions: Generated<string>;
  /** 1 while not resolved/completed: indexed so "active" lists never scan history. */
  active: number;
  /** When vendorwatch last changed this row. */
  updated_at: string;
  /** The earliest failing probe of the suspicion linked to it (observed); null when none. */
  first_signal_at: Generated<string | null>;
  suspicion_id: Generated<string | null>;
}

export interface IncidentUpdateTable {
  incident_id: string;
  /** The vendor's id of the update. */
  id: string;
  phase: string;
  body: string;
  body_text: string;
  posted_at: string;
  detected_at: string;
  /** JSON array of component names, or null when the platform does not say. */
  components: string | null;
}

/**
 * One row per incident: the words a search finds it by (title, vendor, components, every
 * update's text), written with the incident. SQLite indexes them in the FTS5 table
 * incident_search_fts; PostgreSQL in a generated tsvector column with a GIN index.
 */
export interface IncidentSearchTable {
  incident_id: string;
  /** Space-separated lowercase words (store/search-words.ts). */
  words: string;
}

/** Vendor edits kept instead of silently overwritten (docs/contract.md#storage). */
export interface RevisionTable {
  seq: Generated<number>;
  incident_id: string;
  update_id: string | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  seen_at: string;
}

/** One episode of a hygiene flag (docs/contract.md#hygiene-flags); cleared_at null while it holds. */
export interface IncidentFlagTable {
  seq: Generated<number>;
  incident_id: string;
  vendor_slug: string;
  kind: string;
  /** JSON FlagEvidence. */
  evidence: string;
  first_detected_at: string;
  cleared_at: string | null;
}

export interface EventTable {
  /** Monotonic order, the cursor of /api/v1/events. */
  seq: Generated<number>;
  id: string;
  type: string;
  vendor_slug: string;
  incident_id: string | null;
  update_id: string | null;
  /** JSON ComponentChange or null. */
  component: string | null;
  /** JSON { field: { from, to } }. */
  changes: string;
  at: string;
}

interface OutboxTable {
  seq: Generated<number>;
  /** Idempotency key per (target, event), sent as X-Vendorwatch-Delivery. */
  delivery_key: string;
  target: string;
  event_id: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  lease_until: string | null;
  /** 'event' (the event itself) or 'reminder' (a maintenance reminder before its window). */
  kind: Generated<string>;
  /** What noise control groups by: the incident id for incident and maintenance events. */
  group_key: string | null;
  /** Channel resume state across retries (e.g. the email recipients already served), JSON. */
  progress: string | null;
}

/** One row per notification target: its delivery state and the lease of the dispatcher on it. */
export interface NotifyTargetTable {
  name: string;
  type: string;
  /** Hash of the destination and secret: a changed config re-enables a disabled target. */
  fingerprint: string;
  /** 'active' | 'disabled' (e.g. 410 Gone) | 'quarantined' (sustained failure). */
  state: string;
  /** Why the target is disabled or quarantined, for the UI and API; secrets redacted. */
  reason: string | null;
  /** Failed attempts in a row. */
  failures: Generated<number>;
  failing_since: string | null;
  last_error: string | null;
  last_success_at: string | null;
  /** No delivery to this target before this instant (backoff, Retry-After, quarantine probe). */
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  updated_at: string;
  /** 'config' (the config file names it) or 'api' (added through the admin API). */
  origin: Generated<string>;
  /** An API target's definition as JSON, secrets included; null for config targets. */
  definition: string | null;
  /** When an admin turned the target off (/manage/targets); null while it is on. */
  paused_at: string | null;
  /** Who turned it off (an account's email), for the page and the audit trail. */
  paused_by: string | null;
}

/** A correlated outage: incidents of several vendors with one likely upstream. */
export interface OutageTable {
  id: string;
  /** The upstream's slug (a watched vendor or a known provider: aws, cloudflare, …). */
  upstream: string;
  /** Normalized region or global service of the upstream; null when none applies or is known. */
  region: string | null;
  /** The earliest member's start. */
  started_at: string;
  /** When vendorwatch grouped it. */
  detected_at: string;
  updated_at: string;
}

/** One incident of an outage and why it is there. */
export interface OutageMemberTable {
  outage_id: string;
  incident_id: string;
  vendor_slug: string;
  /** 'upstream' (the upstream's own incident) or 'dependent'. */
  role: string;
  /** JSON array of domain Evidence. */
  evidence: string;
  /** The member it joined within the window; null for the first. */
  near_incident_id: string | null;
  gap_seconds: number | null;
  joined_at: string;
}

/** One row per worker (a process that polls and delivers), kept a day after it is gone. */
export interface WorkerTable {
  /** Stable across restarts: --worker-id, VENDORWATCH_WORKER_ID, or a slot on its host. */
  id: string;
  /** Random per process start: tells a restarted worker from its dead predecessor. */
  instance: string;
  host: string;
  pid: number;
  started_at: string;
  heartbeat_at: string;
  /** When the worker stopped, or another worker found its heartbeat too old. */
  gone_at: string | null;
  /** 'stopped' (a clean stop) or 'heartbeat lost'. */
  gone_reason: string | null;
  /** When its leases were handed back for others to take (its vendors taken over). */
  taken_over_at: string | null;
  polls_total: Generated<number>;
  polls_per_second: Generated<number>;
  claims_total: Generated<number>;
  claim_ms_total: Generated<number>;
}

/** Each probe's latest result (metrics, the vendor page, the retention sweep's list). */
export interface ProbeStateTable {
  vendor_slug: string;
  probe: string;
  url: string;
  last_at: string;
  ok: number;
  status: number | null;
  duration_ms: number;
  error: string | null;
  /** The first failure of the current failing streak; null while passing. */
  failing_since: string | null;
}

/** One probe request; kept 7 days. */
export interface ProbeResultTable {
  vendor_slug: string;
  probe: string;
  at: string;
  ok: number;
  status: number | null;
  duration_ms: number;
  error: string | null;
}

/** One probe's hour (the hour's start, ISO); kept a year. */
export interface ProbeHourlyTable {
  vendor_slug: string;
  probe: string;
  hour: string;
  count: number;
  failures: number;
  p50_ms: number;
  max_ms: number;
}

/** A suspected outage: probes failing while the vendor's page said nothing. */
export interface VendorSuspicionTable {
  id: string;
  vendor_slug: string;
  first_signal_at: string;
  suspected_at: string;
  ended_at: string | null;
  /** 'open', 'cleared' (the probes passed) or 'linked' (the vendor posted incident_id). */
  outcome: string;
  incident_id: string | null;
  /** JSON array of the failing probes' names. */
  probes: string;
  error: string | null;
}

export interface Database {
  probe_state: ProbeStateTable;
  probe_results: ProbeResultTable;
  probe_hourly: ProbeHourlyTable;
  vendor_suspicions: VendorSuspicionTable;
  vendors: VendorTable;
  vendor_state: VendorStateTable;
  vendor_payloads: VendorPayloadTable;
  components: ComponentTable;
  incidents: IncidentTable;
  incident_updates: IncidentUpdateTable;
  incident_search: IncidentSearchTable;
  revisions: RevisionTable;
  incident_flags: IncidentFlagTable;
  events: EventTable;
  outbox: OutboxTable;
  notify_targets: NotifyTargetTable;
  workers: WorkerTable;
  outages: OutageTable;
  outage_members: OutageMemberTable;
  accounts: AccountTable;
  sessions: SessionTable;
  sign_in_failures: SignInFailureTable;
  audit_log: AuditLogTable;
}

/** A person who signs in: 'admin' or 'viewer'. */
export interface AccountTable {
  id: Generated<number>;
  email: string;
  role: string;
  /** scrypt, self-describing (see web/auth/password.ts); null while an invitation is open. */
  password_hash: string | null;
  /** SHA-256 of an open invitation's one-time token. */
  invite_hash: string | null;
  invite_expires_at: string | null;
  /** Wrong passwords in a row; reset by a successful sign-in. */
  failed_sign_ins: Generated<number>;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

/** A signed-in browser. The token itself lives only in the cookie; this is its SHA-256. */
export interface SessionTable {
  token_hash: string;
  account_id: number;
  created_at: string;
  last_seen_at: string;
  /** The absolute end: created_at plus the configured maximum lifetime. */
  expires_at: string;
}

/** Failed sign-ins from one address within the current window. */
export interface SignInFailureTable {
  address: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

/** Who changed what and when. `detail` is JSON; never a password or a token. */
export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  /** An account's email, "admin token", "cli" or "anonymous". */
  actor: string;
  action: string;
  subject: string | null;
  detail: string | null;
  address: string | null;
}
