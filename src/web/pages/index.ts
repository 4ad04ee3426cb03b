// The HTML pages as handlers for the route table in app.ts.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Board } from '../../domain/board.js';
import type { ImpactWeights } from '../../domain/uptime.js';
import { boardFinder } from '../boards/load.js';
import type { Database } from '../../store/index.js';
import { apiDocsPage } from './api-docs/handler.js';
import { loadRendererAssets, type RendererAssets } from './api-docs/renderer-assets.js';
import { boardPage, boardsPage } from './boards/handler.js';
import { dashboardPage } from './dashboard/handler.js';
import { deliveriesPage } from './deliveries/handler.js';
import { errorPage } from './error/handler.js';
import { createIncidentPage } from './incident/handler.js';
import { incidentsPage } from './incidents/handler.js';
import { outagePage } from './outage/handler.js';
import { loadAssets } from './shared/assets.js';
import type { PageDeps } from './shared/context.js';
import { uptimePage } from './uptime/handler.js';
import { vendorPage } from './vendor/handler.js';
import type { Auth } from '../auth/service.js';
import { accountPages } from './account/handler.js';
import { invitePages } from './invite/handler.js';
import { auditPage } from './manage-audit/handler.js';
import { usersPages, type InviteMailer } from './manage-users/handler.js';
import { watchListPages, type WatchListDeps } from './manage-vendors/handler.js';
import { targetPages, type ManagedTargets } from './manage-targets/handler.js';
import { setupPages } from './setup/handler.js';
import { signInPages } from './sign-in/handler.js';
import { createStatusPages } from './status/handler.js';

interface Pages {
  dashboard(c: Context): Promise<Response>;
  incidents(c: Context): Promise<Response>;
  incident(c: Context, id: string): Promise<Response>;
  vendor(c: Context, slug: string): Promise<Response>;
  uptime(c: Context, slug: string): Promise<Response>;
  outage(c: Context, id: string): Promise<Response>;
  deliveries(c: Context): Promise<Response>;
  boards(c: Context): Promise<Response>;
  board(c: Context, slug: string): Promise<Response>;
  /** A board's public status page, or its JSON twin for a name ending in .json. */
  status(c: Context, name: string): Promise<Response>;
  apiDocs(c: Context): Promise<Response>;
  rendererAsset(c: Context, version: string, name: string): Response | Promise<Response>;
  asset(c: Context, name: string): Response | Promise<Response>;
  notFound(c: Context): Promise<Response>;
  forbidden(c: Context, message: string): Promise<Response>;
  failed(c: Context): Promise<Response>;
  /** Sign-in, setup, invitations, the account page and the management pages. */
  /** `mailInvite`: mails an invitation when an email target exists (null: none does). */
  accounts(auth: Auth, mailInvite?: InviteMailer): AccountPages;
  /** /manage/vendors: the watch list (admin), adding through the write API's detection. */
  watchList(auth: Auth, writes: WatchListDeps): ReturnType<typeof watchListPages>;
}

interface AccountPages {
  signIn: ReturnType<typeof signInPages>;
  setup: ReturnType<typeof setupPages>;
  invite: ReturnType<typeof invitePages>;
  users: ReturnType<typeof usersPages>;
  account: ReturnType<typeof accountPages>;
  audit(c: Context): Promise<Response>;
  targets(admin: ManagedTargets): ReturnType<typeof targetPages>;
}

interface PagesOptions {
  db: Kysely<Database>;
  now: () => string;
  vendorName?: (slug: string) => string | undefined;
  uptimeWeights: Readonly<ImpactWeights>;
  boards?: readonly Board[];
  activeIntervalFor?: (slug: string) => number;
}

export function createPages(options: PagesOptions): Pages {
  const { uptimeWeights, boards = [], ...shared } = options;
  const findBoard = boardFinder(boards);
  const deps: PageDeps = { ...shared, assets: loadAssets() };
  const incidentPage = createIncidentPage(deps);
  const statusPages = createStatusPages(deps, findBoard);
  let renderer: RendererAssets | undefined;
  const rendererAssets = () => (renderer ??= loadRendererAssets());
  const notFound = (c: Context) =>
    errorPage(c, deps, 404, 'Page not found', 'There is no page at this address.');
  return {
    dashboard: (c) => dashboardPage(c, deps),
    incidents: (c) => incidentsPage(c, deps),
    incident: (c, id) => incidentPage(c, id),
    vendor: (c, slug) => vendorPage(c, deps, slug),
    uptime: (c, slug) => uptimePage(c, deps, uptimeWeights, slug),
    outage: (c, id) => outagePage(c, deps, id),
    deliveries: (c) => deliveriesPage(c, deps),
    boards: (c) => boardsPage(c, deps, boards),
    board: (c, slug) => boardPage(c, deps, findBoard(slug)),
    status: (c, name) => statusPages(c, name),
    apiDocs: (c) => apiDocsPage(c, deps, rendererAssets()),
    rendererAsset: (c, version, name) => rendererAssets().serve(c, version, name) ?? notFound(c),
    asset: (c, name) =>
      deps.assets.serve(c, name) ?? errorPage(c, deps, 404, 'Not found', 'No such file.'),
    notFound,
    forbidden: (c, message) =>
      errorPage(c, deps, 403, 'Not allowed', `${message[0]!.toUpperCase()}${message.slice(1)}.`),
    accounts: (auth, mailInvite) => ({
      signIn: signInPages(deps, auth),
      setup: setupPages(deps, auth, notFound),
      invite: invitePages(deps, auth, (c) =>
        errorPage(
          c,
          deps,
          404,
          'Invitation not valid',
          'This invitation link was already used, has expired, or never existed. Ask an admin for a new one.',
        ),
      ),
      users: usersPages(deps, auth, mailInvite),
      account: accountPages(deps, auth),
      audit: (c) => auditPage(c, deps),
      targets: (admin) => targetPages(deps, auth, admin, notFound, boards),
    }),
    watchList: (auth, writes) => watchListPages(deps, auth, writes),
    failed: (c) =>
      errorPage(
        c,
        deps,
        500,
        'Something went wrong',
        'vendorwatch could not build this page. The error was logged; try again shortly.',
      ),
  };
}
