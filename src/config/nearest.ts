// "Did you mean": the known names closest to one a user typed, for config keys, vendor slugs and
// commands alike, so every suggestion reads and ranks the same way.

/** Levenshtein distance, with a swap of two neighbours counting as one edit. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** About one typo per three letters, at most three: "githbu" finds github, "x" finds nothing. */
function closeEnough(word: string, distance: number): boolean {
  return distance <= Math.min(3, Math.ceil(word.length / 3));
}

/**
 * Up to `limit` known names a typed word probably meant: the ones within a few edits, nearest
 * first, then the ones it begins (three letters at least, so "cloud" offers cloudflare).
 */
export function nearestNames(word: string, known: Iterable<string>, limit = 3): string[] {
  const typed = word.toLowerCase();
  const ranked: Array<{ name: string; rank: number }> = [];
  for (const name of known) {
    const candidate = name.toLowerCase();
    if (name === word) continue;
    const distance = editDistance(typed, candidate);
    if (closeEnough(typed, distance)) ranked.push({ name, rank: distance });
    else if (typed.length >= 3 && candidate.startsWith(typed))
      ranked.push({ name, rank: 10 + candidate.length - typed.length });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ name }) => name);
}

/** The one known name closest to a misspelt one, when it is close enough to be what was meant. */
export function nearest(word: string, known: Iterable<string>): string | undefined {
  const [best] = nearestNames(word, known, 1);
  return best !== undefined &&
    closeEnough(word, editDistance(word.toLowerCase(), best.toLowerCase()))
    ? best
    : undefined;
}

/** ` (did you mean "a" or "b"?)`, or nothing without a suggestion; for the end of a message. */
export function didYouMean(names: readonly string[]): string {
  if (names.length === 0) return '';
  const quoted = names.map((name) => `"${name}"`);
  const list =
    quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
  return ` (did you mean ${list}?)`;
}
