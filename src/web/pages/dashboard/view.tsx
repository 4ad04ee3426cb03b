// `/`: every watched vendor, worst first, filterable without JavaScript (a GET form) and live
// with it (app.js follows the event stream and rewrites a row's cells in place: fixed-width
// cells, so an update never moves the layout).
import type { FC } from 'hono/jsx';
import type { Incident } from '../../../domain/model.js';
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
import { Layout, type AssetUrls } from '../shared/layout.js';
import { Ago, HealthBadge, StatusBadge } from '../shared/parts.js';

export interface DashboardVendor {
  slug: string;
  name: string;
  platform: Platform;
  category: Category;
  status: ComponentStatus;
  health: VendorHealth;
  activeIncidents: number;
  lastPolledAt: string | null;
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
  shown: ReadonlySet<string>;
  filters: DashboardFilters;
  recent: readonly Incident[];
  vendorNames: ReadonlyMap<string, string>;
  now: string;
  assets: AssetUrls;
}

const FilterForm: FC<{ filters: DashboardFilters }> = ({ filters }) => (
  <form class="filters" method="get" action="/" role="search" data-filter-form="">
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

const VendorRow: FC<{ vendor: DashboardVendor; hidden: boolean; now: string }> = ({
  vendor,
  hidden,
  now,
}) => (
  <tr
    data-vendor={vendor.slug}
    data-name={vendor.name.toLowerCase()}
    data-status={vendor.status}
    data-health={vendor.health}
    data-category={vendor.category}
    hidden={hidden}
  >
    <td>
      <a href={`/vendors/${encodeURIComponent(vendor.slug)}`}>{vendor.name}</a>
    </td>
    <td class="status-cell" data-label="Status" data-cell="status">
      <StatusBadge status={vendor.status} />
    </td>
    <td class="num" data-label="Open incidents" data-cell="active">
      {vendor.activeIncidents}
    </td>
    <td data-label="Data" data-cell="health">
      <HealthBadge health={vendor.health} />{' '}
      <span class="note" data-cell="checked">
        {vendor.lastPolledAt ? (
          <>
            checked <Ago at={vendor.lastPolledAt} now={now} />
          </>
        ) : (
          'not checked yet'
        )}
      </span>
    </td>
    <td data-label="Category">{vendor.category}</td>
  </tr>
);

export const DashboardPage: FC<DashboardProps> = (props) => {
  const { vendors } = props;
  const problems = vendors.filter((vendor) => vendor.status !== 'operational').length;
  const unhealthy = vendors.filter((vendor) => vendor.health !== 'ok').length;
  return (
    <Layout title="Dashboard" assets={props.assets} current="dashboard">
      <h1>Your vendors</h1>
      {props.ownNetworkDown && (
        <p class="banner banner-failing" role="alert" data-testid="network-banner">
          Most status pages cannot be reached: vendorwatch's own network may be down.
          Vendor-unreachable alerts are held until it recovers.
        </p>
      )}
      <p class="note" data-testid="overview">
        {plural(vendors.length, 'vendor')} watched · {problems} not fully operational · {unhealthy}{' '}
        with failing or stale data
      </p>
      <FilterForm filters={props.filters} />
      <p class="note" aria-live="polite" data-filter-count="">
        Showing {props.shown.size} of {vendors.length}
      </p>
      {vendors.length === 0 ? (
        <p>No vendor is watched yet: add some to the configuration file.</p>
      ) : (
        <div class="table-wrap">
          <table class="stack-table vendor-table" id="vendor-table">
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
                <VendorRow vendor={vendor} hidden={!props.shown.has(vendor.slug)} now={props.now} />
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
            caption="Latest incidents across vendors"
          />
        )}
        <p>
          <a href="/incidents">All incidents »</a>
        </p>
      </section>
    </Layout>
  );
};
