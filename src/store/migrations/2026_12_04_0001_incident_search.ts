// Frozen: never edit a migration that has shipped; add a new one instead.
// Incident search by words of the title, the vendor, the components and every update's text:
// one row of words per incident, indexed by FTS5 (SQLite) or a GIN tsvector (PostgreSQL), and
// filled here for the incidents already stored.
import { sql, type Kysely } from 'kysely';
import { dialectOf, dialectQuirks } from '../db.js';
import { incidentSearchWords } from '../search-words.js';

/** The tables as this migration knows them. */
interface Tables {
  vendors: { slug: string; name: string };
  incidents: { id: string; vendor_slug: string; title: string; components: string };
  incident_updates: {
    incident_id: string;
    id: string;
    body_text: string;
    posted_at: string;
    components: string | null;
  };
  incident_search: { incident_id: string; words: string };
}

const backfillBatch = 500;

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const { sortableText } = dialectQuirks(dialect);
  if (dialect === 'postgres') {
    await db.schema
      .createTable('incident_search')
      .addColumn('incident_id', sortableText, (c) => c.primaryKey().references('incidents.id'))
      .addColumn('words', 'text', (c) => c.notNull())
      .execute();
    // The words are lexemes already: array_to_tsvector takes them without parsing or stemming.
    await sql`alter table incident_search add column lexemes tsvector
      generated always as (array_to_tsvector(string_to_array(words, ' '))) stored`.execute(db);
    await sql`create index incident_search_lexemes on incident_search using gin (lexemes)`.execute(
      db,
    );
  } else {
    // FTS5 maps its rows to `doc`, an INTEGER PRIMARY KEY, which VACUUM never renumbers.
    await db.schema
      .createTable('incident_search')
      .addColumn('doc', 'integer', (c) => c.primaryKey())
      .addColumn('incident_id', sortableText, (c) =>
        c.notNull().unique().references('incidents.id'),
      )
      .addColumn('words', 'text', (c) => c.notNull())
      .execute();
    // The ascii tokenizer splits on the spaces between the words and keeps every other character.
    // Prefix indexes answer searches of 1 to 3 characters without merging every word they begin.
    await sql`create virtual table incident_search_fts using fts5(
      incident_id unindexed, words,
      content = 'incident_search', content_rowid = 'doc', tokenize = 'ascii', prefix = '1 2 3'
    )`.execute(db);
    await sql`create trigger incident_search_insert after insert on incident_search begin
      insert into incident_search_fts (rowid, incident_id, words)
        values (new.doc, new.incident_id, new.words);
    end`.execute(db);
    await sql`create trigger incident_search_delete after delete on incident_search begin
      insert into incident_search_fts (incident_search_fts, rowid, incident_id, words)
        values ('delete', old.doc, old.incident_id, old.words);
    end`.execute(db);
    await sql`create trigger incident_search_update after update on incident_search begin
      insert into incident_search_fts (incident_search_fts, rowid, incident_id, words)
        values ('delete', old.doc, old.incident_id, old.words);
      insert into incident_search_fts (rowid, incident_id, words)
        values (new.doc, new.incident_id, new.words);
    end`.execute(db);
  }
  await backfill(db);
}

async function backfill(db: Kysely<Tables>): Promise<void> {
  let after = '';
  for (;;) {
    const incidents = await db
      .selectFrom('incidents')
      .innerJoin('vendors', 'vendors.slug', 'incidents.vendor_slug')
      .select([
        'incidents.id',
        'incidents.title',
        'incidents.components',
        'incidents.vendor_slug',
        'vendors.name',
      ])
      .where('incidents.id', '>', after)
      .orderBy('incidents.id')
      .limit(backfillBatch)
      .execute();
    if (incidents.length === 0) return;
    const ids = incidents.map((incident) => incident.id);
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
    await db
      .insertInto('incident_search')
      .values(
        incidents.map((incident) => ({
          incident_id: incident.id,
          words: incidentSearchWords({
            title: incident.title,
            vendorName: incident.name,
            vendorSlug: incident.vendor_slug,
            components: JSON.parse(incident.components) as string[],
            updates: (updatesOf.get(incident.id) ?? []).map((row) => ({
              bodyText: row.body_text,
              components: row.components === null ? null : (JSON.parse(row.components) as string[]),
            })),
          }),
        })),
      )
      .execute();
    after = incidents.at(-1)!.id;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`drop table incident_search_fts`.execute(db);
  }
  await db.schema.dropTable('incident_search').execute();
}
