// `/status/{slug}`: a board's public status page, for a company's customers. Its own frame: no
// navigation, no script, no form, and no link into vendorwatch; every link goes to the company or
// to a vendor's own status page. Readable as plain HTML, styled by the shared stylesheet.
import type { Child, FC } from 'hono/jsx';
import { formatUtc, impactLabels, phaseLabels, plural } from '../shared/format.js';
import type { AssetUrls } from '../shared/layout.js';
import { ExternalLink, StatusBadge } from '../shared/parts.js';
import { BarLegend, ComponentGroups } from '../vendor/component-bars.js';
import type { StatusIncident, StatusPageData, StatusVendor } from './load.js';
import { statusWindowDays } from './load.js';

/** The page's frame; also the 404's, which must look the same for a private and an unknown board. */
export const StatusFrame: FC<{ title: string; assets: AssetUrls; children?: Child }> = ({
  title,
  assets,
  children,
}) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <meta name="referrer" content="no-referrer" />
      <title>{title}</title>
      <link rel="stylesheet" href={assets.css} />
      <link rel="icon" type="image/svg+xml" href={assets.icon} />
    </head>
    <body class="public-status">
      <main id="main">{children}</main>
    </body>
  </html>
);

const overall: Record<string, string> = {
  operational: 'All our providers report normal operation.',
  under_maintenance: 'A provider is under scheduled maintenance.',
  degraded_performance: 'A provider reports degraded performance.',
  partial_outage: 'A provider reports a partial outage.',
  major_outage: 'A provider reports a major outage.',
  unknown: 'The status of our providers is not known yet.',
};

const IncidentItem: FC<{ vendor: StatusVendor; incident: StatusIncident }> = ({
  vendor,
  incident,
}) => (
  <li class="status-incident" data-kind={incident.kind}>
    <p>
      <strong>
        {vendor.name}: {incident.title}
      </strong>
    </p>
    <p class="note">
      {incident.kind === 'maintenance' ? 'Maintenance' : impactLabels[incident.impact]} ·{' '}
      {phaseLabels[incident.phase]}
    </p>
    <p>{incident.summary}</p>
    {incident.latest && (
      <blockquote class="status-latest">
        <p>{incident.latest.text}</p>
        <footer class="note">
          {vendor.name}, {formatUtc(incident.latest.postedAt)}
        </footer>
      </blockquote>
    )}
    {incident.link && (
      <p>
        <ExternalLink href={incident.link}>Read it on {vendor.name}'s status page</ExternalLink>
      </p>
    )}
  </li>
);

const VendorSection: FC<{ vendor: StatusVendor }> = ({ vendor }) => (
  <section class="status-vendor" data-vendor={vendor.slug} aria-label={vendor.name}>
    <h3 class="component-head">
      {vendor.statusPageUrl ? (
        <ExternalLink href={vendor.statusPageUrl}>{vendor.name}</ExternalLink>
      ) : (
        vendor.name
      )}{' '}
      <StatusBadge status={vendor.status} />
    </h3>
    {vendor.components.length === 0 ? (
      <p class="note">
        This provider's page lists no components: its status comes from its open incidents.
      </p>
    ) : (
      <ComponentGroups
        components={vendor.components}
        bars={vendor.bars}
        linkIncidents={false}
        legend={false}
        groupHeading={4}
      />
    )}
  </section>
);

export const StatusPage: FC<{ data: StatusPageData; assets: AssetUrls }> = ({ data, assets }) => {
  const { board } = data;
  const open = data.vendors.flatMap((vendor) =>
    vendor.incidents.map((incident) => ({ vendor, incident })),
  );
  const title = board.company ? `${board.company.name}: ${board.name}` : board.name;
  return (
    <StatusFrame title={`${title} status`} assets={assets}>
      <header class="status-header">
        {board.company && (
          <p class="note">
            <ExternalLink href={board.company.url}>{board.company.name}</ExternalLink>
          </p>
        )}
        <h1>{board.name}</h1>
        {board.description && <p>{board.description}</p>}
        <p class="status-overall" data-status={data.status}>
          <StatusBadge status={data.status} /> {overall[data.status]}
        </p>
      </header>
      <section aria-labelledby="open-title">
        <h2 id="open-title">Open incidents and maintenance</h2>
        {open.length === 0 ? (
          <p class="empty-state">No provider reports an open incident or maintenance.</p>
        ) : (
          <ul class="cards status-incidents">
            {open.map(({ vendor, incident }) => (
              <IncidentItem vendor={vendor} incident={incident} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="components-title">
        <h2 id="components-title">Providers and components</h2>
        {data.vendors.length === 0 ? (
          <p class="empty-state">
            No status has been read yet for these providers. This page fills in within minutes.
          </p>
        ) : (
          <>
            <p class="note">
              {plural(data.vendors.length, 'provider')}, each as its own status page reports it;
              bars show the last {statusWindowDays} days.
            </p>
            <BarLegend />
            {data.vendors.map((vendor) => (
              <VendorSection vendor={vendor} />
            ))}
          </>
        )}
      </section>
      <footer class="status-footer note">
        Updated {formatUtc(data.now)}. Statuses come from each provider's own status page.
      </footer>
    </StatusFrame>
  );
};

export const StatusNotFound: FC<{ assets: AssetUrls }> = ({ assets }) => (
  <StatusFrame title="Status page not found" assets={assets}>
    <h1>Status page not found</h1>
    <p>There is no public status page at this address. Check the link you were given.</p>
  </StatusFrame>
);
