// GET /api/v1/boards (every board with its status) and GET /api/v1/boards/{slug} (one board: its
// vendors judged on its components, those components with their status, its open incidents).
import { effectiveIntervalOf } from '../polling-interval.js';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Board } from '../../domain/board.js';
import type { Database } from '../../store/index.js';
import { loadBoardState, type BoardState } from '../boards/load.js';
import { notFound } from '../http-error.js';
import { sendJson } from '../json.js';
import { presentIncident, presentVendorSummary } from './present.js';

interface BoardApiDeps {
  db: Kysely<Database>;
  now: () => string;
  vendorName?: (slug: string) => string | undefined;
  boards: readonly Board[];
  findBoard(slug: string): Board | null;
  /** A vendor's active interval (config), for the effective interval each vendor carries. */
  activeIntervalFor?: (slug: string) => number;
}

interface BoardApi {
  list(c: Context): Promise<Response>;
  detail(c: Context, slug: string): Promise<Response>;
}

function presentBoard(state: BoardState) {
  const { board } = state;
  return {
    slug: board.slug,
    name: board.name,
    description: board.description,
    public: board.public,
    company: board.company,
    status: state.status,
    vendors: board.vendors.map((entry) => ({
      slug: entry.slug,
      components: entry.components === null ? null : [...entry.components],
    })),
    affectedVendors: state.vendors
      .filter((vendor) => vendor.status !== 'operational' && vendor.status !== 'unknown')
      .map((vendor) => vendor.slug),
  };
}

export function createBoardApi(deps: BoardApiDeps): BoardApi {
  const load = (board: Board) => loadBoardState(deps.db, board, deps.now(), deps.vendorName);
  return {
    async list(c) {
      const states = await Promise.all(deps.boards.map(load));
      return sendJson(c, { boards: states.map(presentBoard) });
    },
    async detail(c, slug) {
      const board = deps.findBoard(slug);
      if (!board) throw notFound(`no board with slug ${JSON.stringify(slug.slice(0, 100))}`);
      const state = await load(board);
      return sendJson(c, {
        ...presentBoard(state),
        // Each vendor as /api/v1/vendors lists it, judged on the board's components only.
        vendors: state.vendors.map((vendor) => ({
          ...presentVendorSummary({
            ...vendor,
            activeIncidents: vendor.openIncidents.length,
            effectiveIntervalSeconds: effectiveIntervalOf(vendor, deps.activeIntervalFor),
          }),
          boardComponents: board.vendors.find((e) => e.slug === vendor.slug)?.components ?? null,
          components: vendor.components.map((component) => ({
            id: component.id,
            name: component.name,
            group: component.group,
            status: component.status,
          })),
          missingComponents: vendor.missingComponents,
        })),
        pendingVendors: state.pending,
        openIncidents: state.vendors
          .flatMap((vendor) => vendor.openIncidents)
          .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
          .map(presentIncident),
      });
    },
  };
}
