// The dashboard's banner while outages that span vendors are open: one line per outage naming
// the likely upstream and the vendors, linking to the outage page.
import type { FC } from 'hono/jsx';
import type { Outage } from '../../../domain/outage.js';
import { Time } from '../shared/parts.js';

/** Vendors named in a banner line; the rest are counted (the outage page lists them all). */
const namedVendors = 4;

export const OutageBanner: FC<{ outages: readonly Outage[] }> = ({ outages }) => {
  if (outages.length === 0) return null;
  return (
    <section
      class="banner banner-outage"
      role="status"
      aria-labelledby="outage-banner-title"
      data-testid="outage-banner"
    >
      <h2 id="outage-banner-title" class="banner-title">
        {outages.length === 1
          ? 'An outage spans several vendors'
          : `${outages.length} outages span several vendors`}
      </h2>
      <ul>
        {outages.map((outage) => {
          const names = outage.vendors.slice(0, namedVendors).map((vendor) => vendor.name);
          const more = outage.vendors.length - names.length;
          const where = outage.region
            ? `${outage.upstreamName} ${outage.region}`
            : outage.upstreamName;
          return (
            <li data-outage={outage.id}>
              <a href={`/outages/${encodeURIComponent(outage.id)}`}>Likely upstream: {where}</a>
              {' — '}
              {names.join(', ')}
              {more > 0 && ` and ${more} more`} · since <Time at={outage.startedAt} />
            </li>
          );
        })}
      </ul>
    </section>
  );
};
