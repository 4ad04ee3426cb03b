// The words of incident search, made the same way for what is stored and what is asked, so both
// databases compare plain lowercase words: SQLite's FTS5 (ascii tokenizer: splits on the spaces
// put here) and PostgreSQL's tsvector (array_to_tsvector: takes each word as it is).

/** Longer runs (hashes, base64) are cut: a word is found by its first characters anyway. */
const maxWordLength = 100;
/** One incident's words stay far below PostgreSQL's 1 MB tsvector limit, whatever the vendor posts. */
const maxDocumentLength = 200_000;
/** A search uses its first words; a pasted paragraph must not become a thousand-term query. */
const maxQueryWords = 16;

const nonWord = /[^\p{L}\p{N}\p{M}]+/u;
const nonspacingMarks = /\p{Mn}/gu;

/**
 * Lowercase words of letters and digits, accents dropped ("État" → "etat"), in order of first
 * appearance, each once. Punctuation, operators and quotes only separate words.
 */
export function searchWords(text: string): string[] {
  // Lowercased again: compatibility forms may decompose to capitals (𝔘 → U, Ⅳ → IV).
  const folded = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(nonspacingMarks, '')
    .toLowerCase()
    .normalize('NFC');
  const words = new Set<string>();
  for (const word of folded.split(nonWord)) {
    if (word) words.add(truncateWord(word));
  }
  return [...words];
}

/** Cuts at a code point boundary, so no half surrogate pair reaches the database. */
function truncateWord(word: string): string {
  return word.length <= maxWordLength
    ? word
    : word.slice(0, maxWordLength).replace(/[\uD800-\uDBFF]$/, '');
}

/** What an incident is found by. */
export interface SearchableIncident {
  title: string;
  vendorName: string;
  vendorSlug: string;
  components: readonly string[];
  updates: ReadonlyArray<{ bodyText: string; components: readonly string[] | null }>;
}

/** The words of one incident, most telling first (the cap drops the last updates' words). */
export function incidentSearchWords(incident: SearchableIncident): string {
  return searchDocument([
    incident.title,
    incident.vendorName,
    incident.vendorSlug,
    ...incident.components,
    ...incident.updates.flatMap((update) => [update.bodyText, ...(update.components ?? [])]),
  ]);
}

/** Space-separated words of the parts, each once, capped in total length. */
function searchDocument(parts: readonly string[]): string {
  const seen = new Set<string>();
  let length = 0;
  const words: string[] = [];
  for (const part of parts) {
    for (const word of searchWords(part)) {
      if (seen.has(word)) continue;
      if (length + word.length + 1 > maxDocumentLength) return words.join(' ');
      seen.add(word);
      words.push(word);
      length += word.length + 1;
    }
  }
  return words.join(' ');
}

/** The words a search asks for (each must begin a word of the incident); may be empty. */
export function queryWords(q: string): string[] {
  return searchWords(q).slice(0, maxQueryWords);
}
