// A board: a named selection of vendors and, per vendor, optionally some of its components (the
// payments team's Stripe API, Adyen and AWS eu-west-1). Boards come from the config file; pages,
// feeds, calendars, metrics, the compat API and notification routing all ask the questions here.
// Pure: what a board covers is decided by names alone.

export interface BoardVendor {
  slug: string;
  /** The components of this vendor on the board; null: the whole vendor. */
  components: readonly string[] | null;
}

export interface Board {
  slug: string;
  name: string;
  description: string | null;
  /** Served to anyone at /status/{slug}; a private board's status page is for signed-in people. */
  public: boolean;
  /** The company whose customers the public page is for (its name and link on the page). */
  company: { name: string; url: string } | null;
  vendors: readonly BoardVendor[];
}

/** Component names compare as the router's component filters do: trimmed, case ignored. */
export function sameComponentName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function boardVendor(board: Board, vendorSlug: string): BoardVendor | undefined {
  return board.vendors.find((vendor) => vendor.slug === vendorSlug);
}

/** Whether a component of a vendor is on the board (the whole vendor counts every component). */
export function boardHasComponent(board: Board, vendorSlug: string, component: string): boolean {
  const entry = boardVendor(board, vendorSlug);
  if (!entry) return false;
  return entry.components === null || entry.components.some((n) => sameComponentName(n, component));
}

/**
 * Whether something of a vendor that touches `components` concerns the board. An incident that
 * names no component (or a platform that does not say) cannot be ruled out, so it does: a board
 * would rather show a vendor-wide incident than hide it.
 */
export function boardCovers(
  board: Board,
  vendorSlug: string,
  components: readonly string[] | null,
): boolean {
  const entry = boardVendor(board, vendorSlug);
  if (!entry) return false;
  if (entry.components === null || components === null || components.length === 0) return true;
  return components.some((name) => boardHasComponent(board, vendorSlug, name));
}
