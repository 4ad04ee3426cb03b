// Stable ids for sources that have none (feeds, update lists): derived from what the vendor
// keeps constant, so the same entry gets the same id on every poll and after a restart.
import { createHash } from 'node:crypto';

/** `h` + 20 hex digits of SHA-256 over the parts: URL-safe, stable, collision-safe enough. */
export function hashId(...parts: string[]): string {
  return `h${createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 20)}`;
}

/** Makes ids unique in one list by suffixing repeats (`a`, `a-2`, `a-3`), keeping first ones as is. */
export function uniqueIds<T>(items: readonly T[], idOf: (item: T) => string): string[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const id = idOf(item);
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    return count === 1 ? id : `${id}-${count}`;
  });
}
