// One board as every output shows it (dashboard, status page, API, metrics, compat): each of its
// vendors with only the board's components and the open incidents that touch them, and the
// vendor's status judged from those alone, so trouble on a component outside the board does not
// make the vendor look affected on it. A board lists a handful of vendors: one read each.
import type { Kysely } from 'kysely';
import { boardCovers, boardVendor, sameComponentName, type Board } from '../../domain/board.js';
import type { Component, Incident } from '../../domain/model.js';
import { vendorStatus, worstStatus } from '../../domain/status.js';
import type { ComponentStatus } from '../../domain/vocabulary.js';
import { getVendorDetail, type Database } from '../../store/index.js';

type VendorDetail = NonNullable<Awaited<ReturnType<typeof getVendorDetail>>>;

export interface BoardVendorState extends Omit<VendorDetail, 'components' | 'activeIncidents'> {
  /** The board's components of the vendor (all of them for a whole vendor), in page order. */
  components: Component[];
  /** Names the board lists that the vendor's page does not (a typo, or a renamed component). */
  missingComponents: string[];
  /** Open incidents and maintenances that touch the board, newest first. */
  openIncidents: Incident[];
  /** Whether the board takes only some of the vendor's components. */
  limited: boolean;
}

export interface BoardState {
  board: Board;
  /** In the board's order; a vendor the store does not know yet is left out (see `pending`). */
  vendors: BoardVendorState[];
  /** Board vendors not in the store yet (a web process started before the poller synced). */
  pending: string[];
  /** The worst of its vendors' board statuses; `unknown` for a board with none stored yet. */
  status: ComponentStatus;
}

/** Whether an incident concerns the board: its vendor is on it and it touches its components. */
export function incidentOnBoard(
  board: Board,
  incident: Pick<Incident, 'vendorSlug' | 'components'>,
) {
  return boardCovers(board, incident.vendorSlug, incident.components);
}

/** The worst of its vendors' (unknown above operational, as for a vendor: no data is no news). */
export function boardStatus(vendors: readonly { status: ComponentStatus }[]): ComponentStatus {
  return vendors.length === 0 ? 'unknown' : worstStatus(vendors.map((vendor) => vendor.status));
}

/** The vendor's state limited to the board's components (unchanged for a whole vendor). */
export function limitToBoard(board: Board, detail: VendorDetail): BoardVendorState {
  const entry = boardVendor(board, detail.slug);
  const wanted = entry?.components ?? null;
  const components =
    wanted === null
      ? detail.components
      : detail.components.filter((component) =>
          wanted.some((name) => sameComponentName(name, component.name)),
        );
  const missingComponents =
    wanted === null
      ? []
      : wanted.filter((name) => !detail.components.some((c) => sameComponentName(c.name, name)));
  const openIncidents = detail.activeIncidents.filter((incident) =>
    incidentOnBoard(board, incident),
  );
  const { components: _all, activeIncidents: _open, ...rest } = detail;
  const status =
    wanted === null || detail.lastSuccessAt === null
      ? detail.status
      : vendorStatus(
          components.map((component) => component.status),
          openIncidents.map((incident) => incident.impact),
        );
  return {
    ...rest,
    status,
    components,
    missingComponents,
    openIncidents,
    limited: wanted !== null,
  };
}

export async function loadBoardState(
  db: Kysely<Database>,
  board: Board,
  now: string,
  vendorName?: (slug: string) => string | undefined,
): Promise<BoardState> {
  const details = await Promise.all(
    board.vendors.map((entry) => getVendorDetail(db, entry.slug, now)),
  );
  const vendors: BoardVendorState[] = [];
  const pending: string[] = [];
  for (const [index, detail] of details.entries()) {
    if (!detail) {
      pending.push(board.vendors[index]!.slug);
      continue;
    }
    const state = limitToBoard(board, detail);
    vendors.push({ ...state, name: vendorName?.(detail.slug) ?? detail.name });
  }
  return { board, vendors, pending, status: boardStatus(vendors) };
}

/** Boards by slug, for the route handlers; null for a slug no board has. */
export function boardFinder(boards: readonly Board[]): (slug: string) => Board | null {
  const bySlug = new Map(boards.map((board) => [board.slug, board]));
  return (slug) => bySlug.get(slug) ?? null;
}
