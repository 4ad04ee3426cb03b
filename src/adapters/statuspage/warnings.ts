// Collects what the adapter skipped or repaired. Capped, so a hostile payload with a million bad
// items yields a bounded log line instead of a million strings.

/** Beyond this many, warnings are only counted. */
export const maxWarnings = 200;

export interface Warnings {
  add(message: string): void;
  list(): string[];
}

export function createWarnings(limit = maxWarnings): Warnings {
  const messages: string[] = [];
  let dropped = 0;
  return {
    add(message) {
      if (messages.length < limit) messages.push(message);
      else dropped += 1;
    },
    list() {
      return dropped === 0 ? [...messages] : [...messages, `${dropped} more warnings not listed`];
    },
  };
}
