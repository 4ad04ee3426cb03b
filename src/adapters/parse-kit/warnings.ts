// Warnings say which items an adapter skipped or repaired; they are capped so a hostile payload
// with 100,000 bad items produces a short log line, not a second copy of itself.

const maxWarnings = 50;

export class Warnings {
  private readonly messages: string[] = [];
  private dropped = 0;

  add(message: string): void {
    if (this.messages.length < maxWarnings) this.messages.push(message.slice(0, 300));
    else this.dropped += 1;
  }

  list(): string[] {
    return this.dropped > 0
      ? [...this.messages, `…and ${this.dropped} more warnings`]
      : [...this.messages];
  }
}

/** Items one poll keeps per list (docs/reliability.md#a13): bounded memory; a warning says so. */
export const maxItemsPerList = 500;

/**
 * Names one item lists about itself (AWS impacted services, affected components): a real regional
 * AWS event lists 140, and a catalogue has a few hundred, so only a hostile payload reaches this.
 */
export const maxNamesPerItem = 5000;

/** The first `limit` items; when it cuts, a warning says what and how many (never silent). */
export function capList<T>(
  items: readonly T[],
  label: string,
  warnings: Warnings,
  limit = maxItemsPerList,
): T[] {
  if (items.length <= limit) return [...items];
  warnings.add(`${label}: kept the first ${limit} of ${items.length} items`);
  return items.slice(0, limit);
}
