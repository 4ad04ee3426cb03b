// What a poll cycle reads before fetching: conditional-request validators, the last raw payload
// (served again on a 304) and the failure streak.
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import { fromJsonOrNull } from './codec.js';
import type { Database, VendorStateTable } from './schema.js';

interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** Keyed by endpoint URL. */
export type ValidatorsByEndpoint = Record<string, Validators>;
/** Body of each endpoint at the last successful poll, keyed by endpoint; null when none. */
export type RawPayload = Record<string, string | null>;

export interface PollState {
  validators: ValidatorsByEndpoint;
  pageName: string | null;
  nextPollAt: string;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** vendor.unreachable was already recorded for the current failure streak. */
  unreachableReported: boolean;
  /** The vendor has an open incident (not maintenance): it is polled at its active interval. */
  hasOpenIncident: boolean;
  /** When the last push for this vendor arrived; a push after lastPolledAt is not yet answered. */
  pushReceivedAt: string | null;
}

/** The vendor_state columns a PollState is read from. */
export const pollStateColumns = [
  'vendor_state.validators',
  'vendor_state.page_name',
  'vendor_state.next_poll_at',
  'vendor_state.last_polled_at',
  'vendor_state.last_success_at',
  'vendor_state.last_error',
  'vendor_state.consecutive_failures',
  'vendor_state.unreachable_reported',
  'vendor_state.push_received_at',
] as const;

/**
 * Whether the vendor has an open incident, read with its poll state (one indexed probe of
 * incidents by vendor and active, no extra round trip). Maintenance does not count: a window
 * scheduled for next week must not make us poll every few seconds until then.
 */
export function openIncidentSelection(eb: ExpressionBuilder<Database, 'vendor_state'>) {
  return eb
    .exists(
      eb
        .selectFrom('incidents')
        .select('incidents.id')
        .whereRef('incidents.vendor_slug', '=', 'vendor_state.slug')
        .where('incidents.active', '=', 1)
        .where('incidents.kind', '=', 'incident'),
    )
    .as('has_open_incident');
}

type PollStateRow = Pick<
  Selectable<VendorStateTable>,
  | 'validators'
  | 'page_name'
  | 'next_poll_at'
  | 'last_polled_at'
  | 'last_success_at'
  | 'last_error'
  | 'consecutive_failures'
  | 'unreachable_reported'
  | 'push_received_at'
> & { has_open_incident: unknown };

export function pollStateFromRow(row: PollStateRow): PollState {
  return {
    validators: fromJsonOrNull<ValidatorsByEndpoint>(row.validators) ?? {},
    pageName: row.page_name,
    nextPollAt: row.next_poll_at,
    lastPolledAt: row.last_polled_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    unreachableReported: row.unreachable_reported === 1,
    // PostgreSQL answers exists() with a boolean, SQLite with 0 or 1.
    hasOpenIncident: row.has_open_incident === true || Number(row.has_open_incident) === 1,
    pushReceivedAt: row.push_received_at,
  };
}

/** The vendor's poll bookkeeping; null for a vendor the store does not know. */
export async function loadPollState(db: Kysely<Database>, slug: string): Promise<PollState | null> {
  const row = await db
    .selectFrom('vendor_state')
    .select(pollStateColumns)
    .select(openIncidentSelection)
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row ? pollStateFromRow(row) : null;
}

/** The bodies of the vendor's last parsed poll; null when none is stored. Read only on a partial 304. */
export async function loadRawPayload(
  db: Kysely<Database>,
  slug: string,
): Promise<RawPayload | null> {
  const row = await db
    .selectFrom('vendor_payloads')
    .select('raw_payload')
    .where('slug', '=', slug)
    .executeTakeFirst();
  return fromJsonOrNull<RawPayload>(row?.raw_payload ?? null);
}
