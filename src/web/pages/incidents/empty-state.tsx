// What /incidents says when its list is empty: with no filter, why there is nothing yet and what
// to do; with filters, which ones found nothing and a link that clears them.
import type { FC } from 'hono/jsx';
import { flagLabels, impactLabels } from '../shared/format.js';
import type { IncidentFilters } from './filters.js';

interface EmptyIncidentsProps {
  filters: IncidentFilters;
  vendors: ReadonlyArray<{ slug: string; name: string }>;
}

/** Each filter that is set, as the words a person reads ("impact Major", "from 2025-09-01"). */
export function describeFilters(
  filters: IncidentFilters,
  vendors: EmptyIncidentsProps['vendors'],
): string[] {
  const set: string[] = [];
  if (filters.q) set.push(`the words “${filters.q}”`);
  if (filters.vendor) {
    const name = vendors.find((vendor) => vendor.slug === filters.vendor)?.name;
    set.push(`vendor ${name ?? filters.vendor}`);
  }
  if (filters.impact) set.push(`impact ${impactLabels[filters.impact]}`);
  if (filters.active) set.push(filters.active === 'true' ? 'open only' : 'closed only');
  if (filters.flag) set.push(`flag ${flagLabels[filters.flag]}`);
  if (filters.since) set.push(`from ${filters.since}`);
  if (filters.until) set.push(`to ${filters.until}`);
  return set;
}

function vendorCount(count: number): string {
  return count === 1 ? '1 vendor' : `${count} vendors`;
}

export const EmptyIncidents: FC<EmptyIncidentsProps> = ({ filters, vendors }) => {
  const set = describeFilters(filters, vendors);
  if (set.length > 0) {
    return (
      <div data-testid="no-match">
        <p>No incident matches {set.join(', ')}.</p>
        {filters.q && (
          <p class="note">
            Search finds incidents holding every word, by the word’s beginning, in titles, vendor
            names, components and update texts.
          </p>
        )}
        <p>
          <a href="/incidents">Clear the filters</a> to see every incident.
        </p>
      </div>
    );
  }
  return (
    <div data-testid="no-incidents">
      <p>No incident recorded yet.</p>
      {vendors.length === 0 ? (
        <p class="note">
          vendorwatch records incidents as the vendors it watches post them, and it watches no
          vendor yet: add one with <code>vendorwatch add URL</code>, in the config file, or with{' '}
          <code>POST /api/v1/vendors</code>.
        </p>
      ) : (
        <p class="note">
          vendorwatch records the incidents the {vendorCount(vendors.length)} it watches post on
          their status pages, past ones included; none has any yet, or none was polled yet. The{' '}
          <a href="/">dashboard</a> shows when each page was last checked and whether it answered.
        </p>
      )}
    </div>
  );
};
