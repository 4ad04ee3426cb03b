// `/`: every watched vendor, worst first, filterable without JavaScript (a GET form) and live
// with it (app.js follows the event stream, rewrites a row's cells in place and moves the row
// when its place in the worst-first order changed). Each row explains itself: why its page
// fails, how fresh its data is, and which incidents are open.
import { isAffected } from '../../../domain/followed-components.js';
import type { FC } from 'hono/jsx';
import type { Incident } from '../../../domain/model.js';
import type { Outage } from '../../../domain/outage.js';
import {
  categories,
  componentStatuses,
  type Category,
  type ComponentStatus,
  type Platform,
  type VendorHealth,
} from '../../../domain/vocabulary.js';
import { plural, statusLabels } from '../shared/format.js';
import { IncidentTable } from '../shared/incident-table.js';
import { FailureReason, FreshnessNote } from '../shared/freshness.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import { HealthBadge, StatusBadge } from '../shared/parts.js';
import { VendorAvatar } from '../shared/vendor-avatar.js';
import { OutageBanner } from './outage-banner.js';
import { compareByName, orderRanksJson } from './vendor-order.js';

interface OpenIncidentLink {
  id: string;
  title: string;
}

export interface DashboardVendor {
  slug: string;
  name: string;
  platform: Platform;
  category: Category;
  status: ComponentStatus;
  health: VendorHealth;
  activeIncidents: number;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  /** The last poll's failure message; null when it succeeded. */
  error: string | null;
  /** The first failed poll of the current streak; null while the last poll succeeded. */
  failingSince: string | null;
  consecutiveFailures: number;
  intervalSeconds: number;
  /** Open incidents and maintenances, newest first. */
  openIncidents: readonly OpenIncidentLink[];
  /** On a board that takes only some of its components: their names (the row is about those). */
  boardComponents?: readonly string[];
  /** `status` over the followed components only (domain/followed-components.ts); absent: all. */
  followedStatus?: ComponentStatus;
  /** Paused from the watch list: not polled, so its data ages without failing. */
  paused?: boolean;
  /** Its probes fail while its page says nothing (an open suspicion, docs/contract.md#probes). */
  suspected?: boolean;
}

/** A board's dashboard: the same page over the board's vendors (pages/boards). */
export interface DashboardBoard {
  slug: string;
  name: string;
  description: string | null;
  /** Some vendor is limited to some components: rows must not follow vendor-wide live updates. */
  limited: boolean;
  /** Its public status page, when it has one. */
  statusPage: string | null;
  /** Board vendors the store does not know yet. */
  pending: readonly string[];
  /** `Vendor: name` for each board component the vendor's page does not list. */
  missing: readonly string[];
}

type StatusFilter = 'all' | 'problems' | ComponentStatus;

export interface DashboardFilters {
  q: string;
  status: StatusFilter;
  category: Category | 'all';
}

interface DashboardProps {
  /** Every vendor, worst first; `shown` says which pass the filters. */
  vendors: readonly DashboardVendor[];
  /** Most vendors' pages fail at once: the likelier fault is our own network. */
  ownNetworkDown: boolean;
  /** Outages that span vendors with a member still open (a banner while there are any). */
  openOutages?: readonly Outage[];
  shown: ReadonlySet<string>;
  filters: DashboardFilters;
  recent: readonly Incident[];
  vendorNames: ReadonlyMap<string, string>;
  now: string;
  assets: AssetUrls;
  board?: DashboardBoard;
}

const FilterForm: FC<{ filters: DashboardFilters; action: string }> = ({ filters, action }) => (
  <form class="filters" method="get" action={action} role="search" data-filter-form="">
    <label>
      Search vendors
      <input type="search" name="q" value={filters.q} maxlength={200} autocomplete="off" />
    </label>
    <label>
      Status
      <select name="status">
        <option value="all" selected={filters.status === 'all'}>
          Any status
        </option>
        <option value="problems" selected={filters.status === 'problems'}>
          Any problem
        </option>
        {componentStatuses.map((status) => (
          <option value={status} selected={filters.status === status}>
            {statusLabels[status]}
          </option>
        ))}
      </select>
    </label>
    <label>
      Category
      <select name="category">
        <option value="all" selected={filters.category === 'all'}>
          Any category
        </option>
        {categories.map((category) => (
          <option value={category} selected={filters.category === category}>
            {category}
          </option>
        ))}
      </select>
    </label>
    <button type="submit">Filter</button>
  </form>
);

/** Titles shown in a row; the rest are counted, and listed on the vendor page. */
const titlesPerRow = 3;

const OpenIncidentList: FC<{ vendor: DashboardVendor }> = ({ vendor }) => {
  const shown = vendor.openIncidents.slice(0, titlesPerRow);
  const more = vendor.openIncidents.length - shown.length;
  return (
    <ul class="row-incidents" data-cell="incidents" hidden={shown.length === 0}>
      {shown.map((incident) => (
        <li>
          <a href={`/incidents/${encodeURIComponent(incident.id)}`}>{incident.title}</a>
        </li>
      ))}
      {more > 0 && (
        <li class="note">
          <a href={`/vendors/${encodeURIComponent(vendor.slug)}`}>and {more} more</a>
        </li>
      )}
    </ul>
  );
};

const VendorRow: FC<{
  vendor: DashboardVendor;
  hidden: boolean;
  nameOrder: number;
  now: string;
}> = ({ vendor, hidden, nameOrder, now }) => (
  <tr
    data-vendor={vendor.slug}
    data-name={vendor.name.toLowerCase()}
    data-name-order={String(nameOrder)}
    data-status={vendor.status}
    data-health={vendor.health}
    data-active={String(vendor.activeIncidents)}
    data-category={vendor.category}
    data-suspected={vendor.suspected ? 'true' : undefined}
    hidden={hidden}
  >
    <td>
      <VendorAvatar slug={vendor.slug} name={vendor.name} />
      <a href={`/vendors/${encodeURIComponent(vendor.slug)}`}>{vendor.name}</a>
      {vendor.boardComponents && (
        <span class="note board-scope"> · {vendor.boardComponents.join(', ')}</span>
      )}
      {vendor.suspected && (
        <>
          {' '}
          <a
            class="badge suspected-badge"
            data-testid="suspected"
            href={`/vendors/${encodeURIComponent(vendor.slug)}#probes-title`}
            title="Its probes fail while its status page says nothing yet"
          >
            Suspected outage
          </a>
        </>
      )}
      <OpenIncidentList vendor={vendor} />
    </td>
    <td class="status-cell" data-label="Status" data-cell="status">
      <StatusBadge status={vendor.status} />
      {vendor.followedStatus !== undefined &&
        isAffected(vendor.status) &&
        !isAffected(vendor.followedStatus) && (
          <span class="note" data-testid="unfollowed-only">
            {' '}
            unfollowed components only
          </span>
        )}
    </td>
    <td class="num" data-label="Open incidents" data-cell="active">
      {vendor.activeIncidents}
    </td>
    <td data-label="Data" data-cell="health">
      {vendor.paused && <strong data-testid="paused">Paused · </strong>}
      <HealthBadge health={vendor.health} /> <FailureReason error={vendor.error} />{' '}
      <span class="note" data-cell="checked">
        <FreshnessNote vendor={vendor} now={now} />
      </span>
    </td>
    <td data-label="Category">{vendor.category}</td>
  </tr>
);

/** A board's name, what it is for, and where else it is served. */
const BoardHeading: FC<{ board: DashboardBoard; home: string }> = ({ board, home }) => (
  <>
    <p class="note">
      <a href="/boards">Boards</a> ›
    </p>
    <h1>{board.name}</h1>
    {board.description && <p>{board.description}</p>}
    {board.pending.length > 0 && (
      <p class="banner" role="status">
        Not stored yet (the poller adds them when it starts): {board.pending.join(', ')}.
      </p>
    )}
    {board.missing.length > 0 && (
      <p class="banner" role="status">
        Not on the vendor's page (check the board's <code>components:</code> in the configuration
        file): {board.missing.join('; ')}.
      </p>
    )}
    <p class="note board-links">
      {board.statusPage && (
        <>
          <a href={board.statusPage}>Public status page</a> ·{' '}
        </>
      )}
      <a href={`${home}/feed.atom`}>Atom feed</a> · <a href={`${home}/feed.rss`}>RSS feed</a> ·{' '}
      <a href={`${home}/maintenances.ics`}>Maintenance calendar</a> ·{' '}
      <a href={`/compat/board/${encodeURIComponent(board.slug)}/api/v2/summary.json`}>
        Statuspage-compatible API
      </a>{' '}
      · <a href={`/api/v1/boards/${encodeURIComponent(board.slug)}`}>JSON</a>
    </p>
  </>
);

export const DashboardPage: FC<DashboardProps> = (props) => {
  const { vendors } = props;
  // Unknown is no news either way: counted apart, not as "not fully operational".
  const unknown = vendors.filter((vendor) => vendor.status === 'unknown').length;
  // Affected counts what a vendor's followed components say: an unfollowed component down is
  // shown in its row but not counted.
  const problems = vendors.filter((vendor) =>
    isAffected(vendor.followedStatus ?? vendor.status),
  ).length;
  const suspected = vendors.filter((vendor) => vendor.suspected).length;
  // A paused vendor's data ages because it is not polled, not because its page fails.
  const unhealthy = vendors.filter((vendor) => vendor.health !== 'ok' && !vendor.paused).length;
  const nameOrder = new Map(
    [...vendors].sort(compareByName).map((vendor, index) => [vendor.slug, index]),
  );
  const nothingShown = vendors.length > 0 && props.shown.size === 0;
  const { board } = props;
  const home = board ? `/boards/${encodeURIComponent(board.slug)}` : '/';
  return (
    <Layout
      title={board ? board.name : 'Dashboard'}
      assets={props.assets}
      current={board ? 'boards' : 'dashboard'}
      feeds={
        board
          ? { title: `${board.name} incidents`, atom: `${home}/feed.atom`, rss: `${home}/feed.rss` }
          : undefined
      }
    >
      {board ? <BoardHeading board={board} home={home} /> : <h1>Your vendors</h1>}
      {props.ownNetworkDown && (
        <p class="banner banner-failing" role="alert" data-testid="network-banner">
          Most status pages cannot be reached: vendorwatch's own network may be down.
          Vendor-unreachable alerts are held until it recovers.
        </p>
      )}
      <OutageBanner outages={props.openOutages ?? []} />
      <p class="note" data-testid="overview">
        {plural(vendors.length, 'vendor')} watched · {problems} not fully operational
        {unknown > 0 && <> · {unknown} with unknown status</>} · {unhealthy} with failing or stale
        data
        {suspected > 0 && <> · {suspected} suspected by their probes (not posted yet)</>}
      </p>
      <FilterForm filters={props.filters} action={home} />
      <p class="note" aria-live="polite" data-filter-count="">
        Showing {props.shown.size} of {vendors.length}
      </p>
      {vendors.length > 0 && (
        <p class="empty-state" data-filter-empty="" hidden={!nothingShown}>
          No vendor matches these filters. Try another name, or <a href={home}>show every vendor</a>
          .
        </p>
      )}
      {vendors.length === 0 ? (
        board ? (
          <p class="empty-state">
            None of this board's vendors has been stored yet: the poller adds the configuration
            file's vendors when it starts. Check that it runs, then reload.
          </p>
        ) : (
          <p class="empty-state">
            No vendor is watched yet: add some to the configuration file's <code>vendors:</code>{' '}
            list, or run <code>vendorwatch add URL</code>.
          </p>
        )
      ) : (
        <div class="table-wrap">
          <table
            class="stack-table vendor-table"
            // app.js follows vendor-wide status: not for a board that takes some components only.
            id={board?.limited ? 'board-table' : 'vendor-table'}
            data-order-ranks={orderRanksJson()}
          >
            <caption class="visually-hidden">Watched vendors, worst first</caption>
            <thead>
              <tr>
                <th scope="col">Vendor</th>
                <th scope="col">Status</th>
                <th scope="col">Open incidents</th>
                <th scope="col">Data</th>
                <th scope="col">Category</th>
              </tr>
            </thead>
            <tbody>
              {vendors.map((vendor) => (
                <VendorRow
                  vendor={vendor}
                  hidden={!props.shown.has(vendor.slug)}
                  nameOrder={nameOrder.get(vendor.slug) ?? 0}
                  now={props.now}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="visually-hidden" aria-live="polite" data-live-announcer=""></p>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">Latest incidents</h2>
        {props.recent.length === 0 ? (
          <p>No incident recorded yet.</p>
        ) : (
          <IncidentTable
            incidents={props.recent}
            now={props.now}
            vendorNames={props.vendorNames}
            caption={
              board ? `Latest incidents of ${board.name}` : 'Latest incidents across vendors'
            }
          />
        )}
        <p>
          <a href="/incidents">All incidents »</a>
        </p>
      </section>
    </Layout>
  );
};
