// Frozen: never edit a migration that has shipped; add a new one instead.
// Two instants of a vendor's poll history that were not kept: its first successful read (where
// its 90-day bars start to know component statuses) and the start of its current failure streak.
// Existing rows get the best the store holds: the first success is the oldest instant a
// successful poll left behind (an incident or update detected, a non-failure event, a component
// or payload written, the last success), which is at or after the true first success. A vendor
// failing now is taken as failing since its last success (its streak began one poll after it),
// or, never read, since it was added.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf, dialectQuirks } from '../db.js';

interface InstantRow {
  slug: string;
  at: string | null;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const { sortableText } = dialectQuirks(dialectOf(db));
  await db.schema.alterTable('vendor_state').addColumn('first_success_at', sortableText).execute();
  await db.schema.alterTable('vendor_state').addColumn('failing_since', sortableText).execute();
  await backfillFirstSuccess(db);
  await backfillFailingSince(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('vendor_state').dropColumn('failing_since').execute();
  await db.schema.alterTable('vendor_state').dropColumn('first_success_at').execute();
}

async function backfillFirstSuccess(db: Kysely<unknown>): Promise<void> {
  const rows = async (query: RawBuilder<InstantRow>) => (await query.execute(db)).rows;
  const traces = await Promise.all([
    rows(sql<InstantRow>`select slug, last_success_at as at from vendor_state`),
    rows(
      sql<InstantRow>`select vendor_slug as slug, min(detected_at) as at from incidents group by vendor_slug`,
    ),
    rows(
      sql<InstantRow>`select i.vendor_slug as slug, min(u.detected_at) as at
          from incident_updates u join incidents i on i.id = u.incident_id group by i.vendor_slug`,
    ),
    // vendor.unreachable is the only event a failed poll records.
    rows(
      sql<InstantRow>`select vendor_slug as slug, min(at) as at from events
          where type <> 'vendor.unreachable' group by vendor_slug`,
    ),
    rows(
      sql<InstantRow>`select vendor_slug as slug, min(updated_at) as at from components group by vendor_slug`,
    ),
    rows(sql<InstantRow>`select slug, updated_at as at from vendor_payloads`),
  ]);
  const lastSuccess = new Map(traces[0].map((row) => [row.slug, row.at]));
  const earliest = new Map<string, string>();
  for (const list of traces) {
    for (const { slug, at } of list) {
      if (at === null) continue;
      const known = earliest.get(slug);
      if (known === undefined || Date.parse(at) < Date.parse(known)) earliest.set(slug, at);
    }
  }
  for (const [slug, at] of earliest) {
    // Only a vendor read at least once has a first success.
    if (!lastSuccess.get(slug)) continue;
    await sql`update vendor_state set first_success_at = ${at} where slug = ${slug}`.execute(db);
  }
}

async function backfillFailingSince(db: Kysely<unknown>): Promise<void> {
  await sql`update vendor_state set failing_since = coalesce(last_success_at,
      (select created_at from vendors where vendors.slug = vendor_state.slug))
    where last_error is not null`.execute(db);
}
