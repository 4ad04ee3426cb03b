// What ids in paths and query strings look like: one definition for the API, the pages and the
// feeds, which check them before asking the store.

export const slugPattern = /^[a-z0-9][a-z0-9-]{0,127}$/;
/** Cursors are opaque to clients but always short URL-safe text. */
export const cursorPattern = /^[A-Za-z0-9_.:~-]{1,512}$/;
/** Notification target names (shorter than vendor slugs). */
export const targetNamePattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Longer path ids cannot exist (slugs are ≤ 63 characters, incident ids ≤ 190). */
export const maxPathIdLength = 256;
