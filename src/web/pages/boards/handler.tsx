// GET /boards (the list) and /boards/{slug}[?q=&status=&category=] (a board's dashboard: the
// dashboard's page over the board's vendors, each judged on the board's components only).
import type { Context } from 'hono';
import type { Board } from '../../../domain/board.js';
import type { Incident } from '../../../domain/model.js';
import { listIncidents, listSuspectedVendors } from '../../../store/index.js';
import { incidentOnBoard, loadBoardState } from '../../boards/load.js';
import {
  compareWorstFirst,
  matchesFilters,
  parseDashboardFilters,
} from '../dashboard/vendor-order.js';
import { DashboardPage } from '../dashboard/view.js';
import { errorPage } from '../error/handler.js';
import type { PageDeps } from '../shared/context.js';
import { sendHtml } from '../shared/html.js';
import { BoardsPage } from './view.js';

const recentCount = 8;

export async function boardsPage(
  c: Context,
  deps: PageDeps,
  boards: readonly Board[],
): Promise<Response> {
  const now = deps.now();
  const states = await Promise.all(
    boards.map((board) => loadBoardState(deps.db, board, now, deps.vendorName)),
  );
  const summaries = states.map((state) => ({
    slug: state.board.slug,
    name: state.board.name,
    description: state.board.description,
    public: state.board.public,
    status: state.status,
    vendorCount: state.board.vendors.length,
    affected: state.vendors.filter(
      (vendor) => vendor.status !== 'operational' && vendor.status !== 'unknown',
    ).length,
  }));
  return sendHtml(c, <BoardsPage boards={summaries} assets={deps.assets.urls} />);
}

/** The board's latest incidents: each vendor's latest, kept when they touch the board. */
async function recentOnBoard(deps: PageDeps, board: Board): Promise<Incident[]> {
  const pages = await Promise.all(
    board.vendors.map((entry) =>
      listIncidents(deps.db, { vendor: entry.slug, limit: recentCount }),
    ),
  );
  return pages
    .flatMap((page) => page.incidents)
    .filter((incident) => incidentOnBoard(board, incident))
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
    .slice(0, recentCount);
}

export async function boardPage(
  c: Context,
  deps: PageDeps,
  board: Board | null,
): Promise<Response> {
  if (!board) {
    return errorPage(
      c,
      deps,
      404,
      'No such board',
      'No board has this name. The boards are listed at /boards.',
    );
  }
  const now = deps.now();
  const [state, recent, suspected] = await Promise.all([
    loadBoardState(deps.db, board, now, deps.vendorName),
    recentOnBoard(deps, board),
    listSuspectedVendors(deps.db),
  ]);
  const vendors = state.vendors
    .map((vendor) => ({
      ...vendor,
      activeIncidents: vendor.openIncidents.length,
      openIncidents: vendor.openIncidents.map(({ id, title }) => ({ id, title })),
      suspected: suspected.has(vendor.slug),
      ...(vendor.limited
        ? { boardComponents: vendor.components.map((component) => component.name) }
        : {}),
    }))
    .sort(compareWorstFirst);
  const filters = parseDashboardFilters(c.req.query());
  const shown = new Set(
    vendors.filter((vendor) => matchesFilters(vendor, filters)).map((vendor) => vendor.slug),
  );
  return sendHtml(
    c,
    <DashboardPage
      vendors={vendors}
      ownNetworkDown={false}
      shown={shown}
      filters={filters}
      recent={recent}
      vendorNames={new Map(vendors.map((vendor) => [vendor.slug, vendor.name]))}
      now={now}
      assets={deps.assets.urls}
      board={{
        slug: board.slug,
        name: board.name,
        description: board.description,
        limited: state.vendors.some((vendor) => vendor.limited),
        statusPage: board.public ? `/status/${encodeURIComponent(board.slug)}` : null,
        pending: state.pending,
        missing: state.vendors.flatMap((vendor) =>
          vendor.missingComponents.map((name) => `${vendor.name}: ${name}`),
        ),
      }}
    />,
  );
}
