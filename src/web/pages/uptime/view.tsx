// /vendors/{slug}/uptime: SLA evidence a user can print and attach to a credit claim — the range,
// the figures, how each was computed, the weights, and every incident behind them.
import type { FC } from 'hono/jsx';
import { formatDuration } from '../../../domain/duration.js';
import type { VendorEvidence } from '../../uptime/load-evidence.js';
import { uptimeMethod } from '../../uptime/present.js';
import { formatUtc, impactLabels, safeHttpUrl } from '../shared/format.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import { ExternalLink, ImpactBadge, Time } from '../shared/parts.js';

interface UptimePageProps {
  evidence: VendorEvidence;
  /** The query string of this page, for the same evidence as JSON and CSV. */
  query: string;
  now: string;
  assets: AssetUrls;
}

/** Whole seconds as "8h 20m (30,034 s)": short for people, exact for the claim. */
const Seconds: FC<{ seconds: number }> = ({ seconds }) => (
  <>
    {seconds === 0 ? '0' : formatDuration(seconds)}{' '}
    <span class="note">({seconds.toLocaleString('en-US')} s)</span>
  </>
);

const RangeForm: FC<{ evidence: VendorEvidence }> = ({ evidence }) => (
  <form class="uptime-form no-print" method="get" aria-label="Range and component">
    <label>
      From <input type="date" name="from" value={evidence.from.slice(0, 10)} />
    </label>
    <label>
      To <input type="date" name="to" value={evidence.to.slice(0, 10)} />
    </label>
    <label>
      Component{' '}
      <select name="component">
        <option value="" selected={evidence.component === null}>
          The whole vendor
        </option>
        {evidence.components.map((name) => (
          <option value={name} selected={evidence.component === name}>
            {name}
          </option>
        ))}
      </select>
    </label>
    <button type="submit">Show</button>
  </form>
);

const Weights: FC<{ weights: VendorEvidence['weights'] }> = ({ weights }) => (
  <p class="note" data-testid="uptime-weights">
    Weights by impact: {impactLabels.critical} {weights.critical}, {impactLabels.major}{' '}
    {weights.major}, {impactLabels.minor} {weights.minor}, {impactLabels.notice} {weights.notice};
    maintenance 0 (set under <code>uptime.weights</code> in the config file).
  </p>
);

const IncidentRows: FC<{ evidence: VendorEvidence }> = ({ evidence }) => (
  <div class="table-wrap">
    <table class="stack-table uptime-table" data-testid="uptime-incidents">
      <caption class="visually-hidden">Incidents behind the figures, oldest first</caption>
      <thead>
        <tr>
          <th scope="col">Incident</th>
          <th scope="col">Impact</th>
          <th scope="col">Weight</th>
          <th scope="col">Counted from</th>
          <th scope="col">Counted to</th>
          <th scope="col">Counted</th>
        </tr>
      </thead>
      <tbody>
        {evidence.incidents.map((item) => (
          <tr>
            <td class="lead-cell">
              <a href={`/incidents/${encodeURIComponent(item.id)}`}>{item.title}</a>
              <span class="note print-only"> /incidents/{item.id}</span>
            </td>
            <td data-label="Impact">
              <ImpactBadge impact={item.impact} />
            </td>
            <td data-label="Weight" class="num">
              {item.kind === 'maintenance' ? 'maintenance' : item.weight}
            </td>
            <td data-label="Counted from">
              <Time at={item.from} />
            </td>
            <td data-label="Counted to">
              <Time at={item.to} />
              {item.resolvedAt === null && <span class="note"> (still open)</span>}
            </td>
            <td data-label="Counted" class="num">
              <Seconds seconds={item.seconds} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const UptimePage: FC<UptimePageProps> = ({ evidence, query, now, assets }) => {
  const vendorPath = `/vendors/${encodeURIComponent(evidence.vendor.slug)}`;
  const api = `/api/v1${vendorPath}/uptime${query}`;
  const csv = `${api}${query ? '&' : '?'}format=csv`;
  const page = safeHttpUrl(evidence.vendor.statusPageUrl);
  const subject = evidence.component
    ? `${evidence.vendor.name} — ${evidence.component}`
    : evidence.vendor.name;
  return (
    <Layout title={`Uptime of ${subject}`} assets={assets}>
      <nav aria-label="Breadcrumb" class="breadcrumb no-print">
        <a href="/">Dashboard</a> › <a href={vendorPath}>{evidence.vendor.name}</a> › Uptime
      </nav>
      <header class="uptime-header">
        <p class="eyebrow">SLA evidence</p>
        <h1>Uptime of {subject}</h1>
        <p data-testid="uptime-range">
          From <Time at={evidence.from} /> to <Time at={evidence.to} /> (
          {formatDuration(evidence.rangeSeconds)}), as recorded by vendorwatch from the vendor's
          status page{page && <> ({page})</>}. Produced {formatUtc(now)}.
        </p>
      </header>
      <RangeForm evidence={evidence} />
      <dl class="figures" data-testid="uptime-figures">
        <div>
          <dt>Uptime</dt>
          <dd data-figure="uptime">{evidence.uptimePercent.toFixed(4)}%</dd>
        </div>
        <div>
          <dt>Weighted downtime</dt>
          <dd data-figure="weighted">
            <Seconds seconds={evidence.weightedDowntimeSeconds} />
          </dd>
        </div>
        <div>
          <dt>Time under incident</dt>
          <dd data-figure="incident">
            <Seconds seconds={evidence.incidentSeconds} />
          </dd>
        </div>
        <div>
          <dt>Maintenance (not downtime)</dt>
          <dd data-figure="maintenance">
            <Seconds seconds={evidence.maintenanceSeconds} />
          </dd>
        </div>
      </dl>
      <p class="note" data-testid="uptime-method">
        How it is computed: {uptimeMethod}
      </p>
      <Weights weights={evidence.weights} />
      {evidence.truncated && (
        <p class="banner banner-stale" role="alert">
          This range holds more incidents than one page reads; the oldest are left out. Choose a
          shorter range.
        </p>
      )}
      <section aria-labelledby="uptime-incidents-title">
        <h2 id="uptime-incidents-title">Incidents behind these figures</h2>
        {evidence.incidents.length === 0 ? (
          <p>No incident or maintenance reached into this range.</p>
        ) : (
          <IncidentRows evidence={evidence} />
        )}
      </section>
      <p class="note no-print">
        The same evidence as <a href={api}>JSON</a> or <a href={csv}>CSV</a>
        {page && (
          <>
            {' · '}
            <ExternalLink href={page}>Vendor status page →</ExternalLink>
          </>
        )}
        .
      </p>
    </Layout>
  );
};
