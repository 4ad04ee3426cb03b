// Incident search: the words each incident is found by are written in the transaction that
// writes the incident (apply-plan.ts) or renames its vendor (vendors.ts), and read here as a
// filter of the incident lists. Every search word must begin a word of the incident.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { chunk, fromJson, fromJsonOrNull, maxInListSize, rowsPerInsert } from './codec.js';
import { dialectOf } from './db.js';
import type { Database } from './schema.js';
import { incidentSearchWords, queryWords } from './search-words.js';

/** Rewrites the search words of these incidents from what the store now holds for them. */
export async function refreshSearchWords(
  db: Kysely<Database>,
  incidentIds: readonly string[],
): Promise<void> {
  for (const ids of chunk([...new Set(incidentIds)], maxInListSize)) {
    const incidents = await db
      .selectFrom('incidents')
      .innerJoin('vendors', 'vendors.slug', 'incidents.vendor_slug')
      .select([
        'incidents.id',
        'incidents.title',
        'incidents.components',
        'incidents.vendor_slug',
        'vendors.name as vendor_name',
      ])
      .where('incidents.id', 'in', ids)
      .execute();
    const updates = await db
      .selectFrom('incident_updates')
      .select(['incident_id', 'body_text', 'components'])
      .where('incident_id', 'in', ids)
      .orderBy('incident_id')
      .orderBy('posted_at')
      .orderBy('id')
      .execute();
    const updatesOf = new Map<string, typeof updates>();
    for (const row of updates) {
      const list = updatesOf.get(row.incident_id);
      if (list) list.push(row);
      else updatesOf.set(row.incident_id, [row]);
    }
    const rows = incidents.map((incident) => ({
      incident_id: incident.id,
      words: incidentSearchWords({
        title: incident.title,
        vendorName: incident.vendor_name,
        vendorSlug: incident.vendor_slug,
        components: fromJson<string[]>(incident.components),
        updates: (updatesOf.get(incident.id) ?? []).map((row) => ({
          bodyText: row.body_text,
          components: fromJsonOrNull<string[]>(row.components),
        })),
      }),
    }));
    for (const batch of chunk(rows, rowsPerInsert(2))) {
      await db
        .insertInto('incident_search')
        .values(batch)
        .onConflict((conflict) =>
          conflict.column('incident_id').doUpdateSet((eb) => ({ words: eb.ref('excluded.words') })),
        )
        .execute();
    }
  }
}

/** A vendor's new name: every incident of the vendor is found by it from now on. */
export async function refreshVendorSearchWords(db: Kysely<Database>, slug: string): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('incidents')
      .select('id')
      .where('vendor_slug', '=', slug)
      .where('id', '>', after)
      .orderBy('id')
      .limit(maxInListSize)
      .execute();
    if (rows.length === 0) return;
    await refreshSearchWords(
      db,
      rows.map((row) => row.id),
    );
    after = rows.at(-1)!.id;
  }
}

/**
 * How the search reaches the incidents. A few matches are read from the word index and sorted;
 * many are checked one by one while walking the list's own index, which stops at a page.
 * (Both planners misjudge prefix searches, so the store counts and chooses.)
 */
export type SearchPlan = 'from-matches' | 'along-the-list';

/** At most this many matches are sorted; beyond, walking the list in order is cheaper. */
const sortableMatches = 1000;

export async function chooseSearchPlan(db: Kysely<Database>, q: string): Promise<SearchPlan> {
  const words = queryWords(q);
  if (words.length === 0) return 'along-the-list';
  const matching =
    dialectOf(db) === 'postgres'
      ? sql`select 1 from incident_search where lexemes @@ ${tsQuery(words)}::tsquery`
      : sql`select rowid from incident_search_fts where incident_search_fts match ${ftsMatch(words)}`;
  const { rows } = await sql<{ n: number }>`select count(*) as n from (${matching}
    limit ${sortableMatches + 1}) as matching`.execute(db);
  return Number(rows[0]?.n ?? 0) > sortableMatches ? 'along-the-list' : 'from-matches';
}

/**
 * The incidents whose words begin with every word of `q`, as a condition on incidents.id.
 * Words are bound as data inside quoted terms, so FTS and tsquery operators in `q` are just text;
 * a `q` without any word finds nothing.
 */
export function matchesSearch(
  db: Kysely<Database>,
  q: string,
  plan: SearchPlan,
): RawBuilder<SqlBool> {
  const words = queryWords(q);
  if (words.length === 0) return sql<SqlBool>`1 = 0`;
  const id = sql.ref('incidents.id');
  if (dialectOf(db) === 'postgres') {
    const matching = sql`select incident_id from incident_search where lexemes @@ ${tsQuery(words)}::tsquery`;
    // ARRAY(...) is computed once, then the ids are looked up by primary key and sorted; a
    // scalar subquery is never turned into a join, so the list's index is walked in order.
    return plan === 'from-matches'
      ? sql<SqlBool>`${id} = any(array(${matching}))`
      : sql<SqlBool>`(select lexemes from incident_search where incident_id = ${id}) @@ ${tsQuery(words)}::tsquery`;
  }
  const matchingDocs = sql`select rowid from incident_search_fts where incident_search_fts match ${ftsMatch(words)}`;
  return plan === 'from-matches'
    ? sql<SqlBool>`${id} in (select incident_id from incident_search where doc in (${matchingDocs}))`
    : sql<SqlBool>`(select doc from incident_search where incident_id = ${id}) in (${matchingDocs})`;
}

/** Quoted lexemes are taken as they are; the words hold no quote or backslash to escape. */
function tsQuery(words: readonly string[]): string {
  return words.map((word) => `'${word}':*`).join(' & ');
}

/** Each word a quoted FTS5 string (no operator inside) with a prefix star; all must match. */
function ftsMatch(words: readonly string[]): string {
  return words.map((word) => `"${word}"*`).join(' ');
}
