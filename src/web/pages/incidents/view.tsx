// /incidents: every vendor's incidents, newest first, with a GET filter form that works without
// JavaScript and links that keep the filters while paging.
import type { FC } from 'hono/jsx';
import type { Incident } from '../../../domain/model.js';
import { impacts } from '../../../domain/vocabulary.js';
import { flagKinds, type FlagKind } from '../../../domain/hygiene-flags.js';
import { flagLabels, impactLabels } from '../shared/format.js';
import { IncidentTable, Pager } from '../shared/incident-table.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import { EmptyIncidents } from './empty-state.js';
import type { IncidentFilters } from './filters.js';

interface IncidentsPageProps {
  filters: IncidentFilters;
  problems: readonly string[];
  vendors: ReadonlyArray<{ slug: string; name: string }>;
  incidents: readonly Incident[];
  nextCursor: string | null;
  paged: boolean;
  /** `/incidents?…` with the current filters, without the cursor. */
  base: string;
  now: string;
  assets: AssetUrls;
  /** Hygiene flags holding now on the listed incidents. */
  holdingFlags?: ReadonlyMap<string, readonly FlagKind[]>;
}

const Filters: FC<{ filters: IncidentFilters; vendors: IncidentsPageProps['vendors'] }> = ({
  filters,
  vendors,
}) => (
  <form class="filters incident-filters" method="get" action="/incidents" role="search">
    <label>
      Words
      <input type="search" name="q" value={filters.q} maxlength={200} />
    </label>
    <label>
      Vendor
      <select name="vendor">
        <option value="">Any vendor</option>
        {vendors.map((vendor) => (
          <option value={vendor.slug} selected={filters.vendor === vendor.slug}>
            {vendor.name}
          </option>
        ))}
      </select>
    </label>
    <label>
      Impact
      <select name="impact">
        <option value="">Any impact</option>
        {impacts.map((impact) => (
          <option value={impact} selected={filters.impact === impact}>
            {impactLabels[impact]}
          </option>
        ))}
      </select>
    </label>
    <label>
      Flag
      <select name="flag">
        <option value="">Any or none</option>
        {flagKinds.map((kind) => (
          <option value={kind} selected={filters.flag === kind}>
            {flagLabels[kind]}
          </option>
        ))}
      </select>
    </label>
    <label>
      State
      <select name="active">
        <option value="">Open or closed</option>
        <option value="true" selected={filters.active === 'true'}>
          Open only
        </option>
        <option value="false" selected={filters.active === 'false'}>
          Closed only
        </option>
      </select>
    </label>
    <label>
      From (UTC)
      <input type="date" name="since" value={filters.since} />
    </label>
    <label>
      To (UTC)
      <input type="date" name="until" value={filters.until} />
    </label>
    <button type="submit">Filter</button>
  </form>
);

export const IncidentsPage: FC<IncidentsPageProps> = (props) => {
  const vendorNames = new Map(props.vendors.map((vendor) => [vendor.slug, vendor.name]));
  return (
    <Layout title="Incidents" assets={props.assets} current="incidents">
      <h1>Incidents</h1>
      <p class="note">
        Every incident and maintenance vendorwatch recorded, newest first ·{' '}
        <a href="/maintenances.ics">Maintenance calendar (.ics)</a>
      </p>
      <Filters filters={props.filters} vendors={props.vendors} />
      {props.problems.length > 0 && (
        <div class="error-message" role="alert">
          <p>The filters could not be applied:</p>
          <ul>
            {props.problems.map((problem) => (
              <li>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {props.problems.length === 0 &&
        (props.incidents.length === 0 ? (
          <EmptyIncidents filters={props.filters} vendors={props.vendors} />
        ) : (
          <IncidentTable
            incidents={props.incidents}
            now={props.now}
            vendorNames={vendorNames}
            caption="Incidents, newest first"
            holdingFlags={props.holdingFlags}
          />
        ))}
      <Pager
        base={props.base}
        nextCursor={props.nextCursor}
        paged={props.paged}
        label="Incident list pages"
      />
    </Layout>
  );
};
