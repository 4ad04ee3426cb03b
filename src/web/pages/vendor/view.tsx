// /vendors/{slug}: where a vendor stands now (status, freshness, open incidents, components)
// and how it has done (90-day bars and figures, the incident history). Each part that can change
// carries data-live-part: app.js fetches this same page again on the vendor's live events and
// swaps the parts that changed, in place.
import type { FC } from 'hono/jsx';
import { formatDuration } from '../../../domain/duration.js';
import { failureReason } from '../../../domain/failure-reason.js';
import { describeFreshness } from '../../../domain/health.js';
import type { Component, Incident } from '../../../domain/model.js';
import type {
  Category,
  ComponentStatus,
  Platform,
  VendorHealth,
} from '../../../domain/vocabulary.js';
import { formatInterval, plural, safeHttpUrl } from '../shared/format.js';
import { FailureReason, FreshnessNote } from '../shared/freshness.js';
import { IncidentTable, Pager } from '../shared/incident-table.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import {
  Ago,
  ExternalLink,
  HealthBadge,
  ImpactBadge,
  PhaseBadge,
  StatusBadge,
  Time,
} from '../shared/parts.js';
import { VendorAvatar } from '../shared/vendor-avatar.js';
import { ComponentGroups } from './component-bars.js';
import type { DayCell } from './daily-bars.js';
import type { WindowFigures } from './figures.js';
import { AdapterWarnings } from './warnings.js';
import { ReportCard } from './report-card.js';
import { ProbeSection, type ProbeSectionProps } from './probes.js';
import type { VendorReport } from '../../report/load-report.js';

interface VendorView {
  slug: string;
  name: string;
  platform: Platform;
  category: Category;
  statusPageUrl: string;
  status: ComponentStatus;
  health: VendorHealth;
  intervalSeconds: number;
  /** The interval in use now: the active one while an incident is open. */
  effectiveIntervalSeconds: number;
  /** Why it is polled faster now: an open incident, or its probes suspect an outage. */
  fastPollingReason?: 'incident' | 'suspected' | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  error: string | null;
  /** The first failed poll of the current streak; null while the last poll succeeded. */
  failingSince: string | null;
  consecutiveFailures: number;
  /** When vendorwatch started watching it. */
  watchedSince: string;
  warnings: readonly string[];
  /** Paused from the watch list: not polled until resumed. */
  paused?: boolean;
  /** The components followed; null or absent: all. */
  followedComponents?: readonly string[] | null;
}

interface VendorPageProps {
  vendor: VendorView;
  components: readonly Component[];
  activeIncidents: readonly Incident[];
  bars: ReadonlyMap<string, DayCell[]>;
  figures: WindowFigures;
  report: VendorReport;
  windowDays: number;
  history: { incidents: readonly Incident[]; nextCursor: string | null; paged: boolean };
  /** Probes and suspected outages (docs/contract.md#probes). */
  probes: Omit<ProbeSectionProps, 'vendorName'>;
  now: string;
  assets: AssetUrls;
}

/** Says what is true of the data below: never read yet, failing since …, stale since …. */
const HealthBanner: FC<{ vendor: VendorView; watchedSince: string; now: string }> = ({
  vendor,
  watchedSince,
  now,
}) => {
  const freshness = describeFreshness({ ...vendor, lastError: vendor.error }, now);
  const every = formatInterval(vendor.intervalSeconds);
  const failedPolls = plural(Math.max(1, vendor.consecutiveFailures), 'failed poll');
  const reason = vendor.error && (
    <p class="banner-error">
      Last error: <strong>{failureReason(vendor.error)}</strong> — {vendor.error}.
    </p>
  );
  if (freshness.health === 'ok') return null;
  if (freshness.health === 'failing' && freshness.neverSucceeded) {
    return (
      <div class="banner banner-failing" role="alert" data-testid="health-banner">
        <strong>Never read yet.</strong>{' '}
        {freshness.lastTriedAt ? (
          <>
            vendorwatch has not read this page successfully since it was added{' '}
            <Ago at={watchedSince} now={now} />
            {vendor.failingSince && (
              <>
                {' '}
                ({failedPolls} since <Time at={vendor.failingSince} />)
              </>
            )}
            ; the last try was <Ago at={freshness.lastTriedAt} now={now} />. It is tried every{' '}
            {every}, with longer pauses while it keeps failing.
          </>
        ) : (
          <>vendorwatch has not tried this page yet; it is checked every {every}.</>
        )}{' '}
        Nothing below comes from the vendor yet.
        {reason}
      </div>
    );
  }
  if (freshness.health === 'failing') {
    return (
      <div class="banner banner-failing" role="alert" data-testid="health-banner">
        <strong>The vendor's status page is failing.</strong>{' '}
        {vendor.failingSince ? (
          <>
            Failing since <Time at={vendor.failingSince} /> ({failedPolls}); the last successful
            read was <Ago at={freshness.lastSuccessAt} now={now} />
          </>
        ) : (
          <>
            It has failed since the last successful read,{' '}
            <Ago at={freshness.lastSuccessAt} now={now} /> (<Time at={freshness.lastSuccessAt} />)
          </>
        )}
        ; the last try was <Ago at={freshness.lastTriedAt} now={now} />. What is shown below is the
        last good data.
        {reason}
      </div>
    );
  }
  return (
    <div class="banner banner-stale" role="alert" data-testid="health-banner">
      <strong>This data is stale.</strong> Stale since <Time at={freshness.staleSince} />: the last
      successful read was <Ago at={freshness.lastSuccessAt} now={now} />, more than three poll
      intervals ({every} each) ago.{' '}
      {vendor.error ? (
        vendor.failingSince ? (
          <>
            Every poll since has failed: failing since <Time at={vendor.failingSince} /> (
            {failedPolls})
          </>
        ) : (
          'Every poll since has failed'
        )
      ) : (
        'No poll has run since (is the poller running?)'
      )}
      : what is shown below may no longer be true.
      {reason}
    </div>
  );
};

const ActiveList: FC<{ incidents: readonly Incident[] }> = ({ incidents }) => (
  <ul class="cards">
    {incidents.map((incident) => (
      <li>
        <h3>
          <a href={`/incidents/${encodeURIComponent(incident.id)}`}>{incident.title}</a>
        </h3>
        <p class="badges">
          <ImpactBadge impact={incident.impact} />
          <PhaseBadge phase={incident.phase} />
          <span class="note">
            {incident.kind === 'maintenance' && incident.scheduledFor ? 'Scheduled for ' : 'Since '}
            <Time at={incident.scheduledFor ?? incident.startedAt} />
          </span>
        </p>
        {incident.components.length > 0 && (
          <p class="note">Affects {incident.components.join(', ')}</p>
        )}
      </li>
    ))}
  </ul>
);

const Figures: FC<{ figures: WindowFigures; days: number }> = ({ figures, days }) => (
  <dl class="figures" aria-label={`Figures for the last ${days} days`}>
    <div>
      <dt>Incidents</dt>
      <dd>{figures.incidents}</dd>
    </div>
    <div>
      <dt>Critical</dt>
      <dd>{figures.byImpact.critical}</dd>
    </div>
    <div>
      <dt>Major</dt>
      <dd>{figures.byImpact.major}</dd>
    </div>
    <div>
      <dt>Minor</dt>
      <dd>{figures.byImpact.minor}</dd>
    </div>
    <div>
      <dt>Notice</dt>
      <dd>{figures.byImpact.notice}</dd>
    </div>
    <div>
      <dt>Maintenances</dt>
      <dd>{figures.maintenances}</dd>
    </div>
    <div>
      <dt>Median time to resolve</dt>
      <dd>
        {figures.medianSecondsToResolve === null
          ? '—'
          : formatDuration(figures.medianSecondsToResolve)}
      </dd>
    </div>
  </dl>
);

export const VendorPage: FC<VendorPageProps> = (props) => {
  const { vendor, now } = props;
  const path = `/vendors/${encodeURIComponent(vendor.slug)}`;
  const page = safeHttpUrl(vendor.statusPageUrl);
  const open = props.activeIncidents.filter((incident) => incident.kind === 'incident');
  const maintenances = props.activeIncidents.filter((incident) => incident.kind === 'maintenance');
  return (
    <Layout
      title={vendor.name}
      assets={props.assets}
      feeds={{
        title: `${vendor.name} incidents`,
        atom: `${path}/feed.atom`,
        rss: `${path}/feed.rss`,
      }}
    >
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href="/">Dashboard</a> › {vendor.name}
      </nav>
      <header class="vendor-header" data-vendor={vendor.slug}>
        <p class="eyebrow">
          {vendor.category} · {vendor.platform}
        </p>
        <div class="vendor-title">
          <VendorAvatar slug={vendor.slug} name={vendor.name} />
          <h1>{vendor.name}</h1>
        </div>
        <p class="badges" data-testid="vendor-status" data-live-part="status">
          <StatusBadge status={vendor.status} />
          <HealthBadge health={vendor.health} />
          <FailureReason error={vendor.error} />
          {page && <ExternalLink href={page}>Vendor status page →</ExternalLink>}
        </p>
        <p class="note" data-testid="freshness" data-live-part="freshness">
          Data: <FreshnessNote vendor={vendor} now={now} />
          {' · '}
          <PollingNote vendor={vendor} /> · <a href={`${path}/feed.atom`}>Atom</a> ·{' '}
          <a href={`${path}/feed.rss`}>RSS</a> ·{' '}
          <a href={`${path}/maintenances.ics`}>Maintenance calendar (.ics)</a> ·{' '}
          <a href={`/compat/${encodeURIComponent(vendor.slug)}/api/v2/summary.json`}>
            Statuspage API
          </a>
        </p>
      </header>
      {/* Always there, empty while the vendor is fine, so a live swap can fill it. */}
      <div data-live-part="banner">
        {vendor.paused ? (
          <div class="banner banner-stale" role="status" data-testid="paused-banner">
            <strong>Paused.</strong> vendorwatch does not poll this vendor until an admin resumes it
            on the watch list; what is shown below is the last data read.
          </div>
        ) : (
          <HealthBanner vendor={vendor} watchedSince={vendor.watchedSince} now={now} />
        )}
        {vendor.followedComponents && (
          <p class="note" data-testid="followed-note">
            Following {plural(vendor.followedComponents.length, 'component')} (
            {vendor.followedComponents.join(', ')}): the others are shown but do not count as
            affected, and notify only targets that filter on them.
          </p>
        )}
        <AdapterWarnings warnings={vendor.warnings} />
      </div>
      <section aria-labelledby="active-title" data-live-part="active">
        <h2 id="active-title">Active incidents</h2>
        {open.length === 0 ? <p>No open incident.</p> : <ActiveList incidents={open} />}
        {maintenances.length > 0 && (
          <>
            <h2>Maintenance</h2>
            <ActiveList incidents={maintenances} />
          </>
        )}
      </section>
      <section aria-labelledby="components-title" data-live-part="components">
        <h2 id="components-title">Components</h2>
        {props.components.length === 0 ? (
          <p>The vendor's page lists no components.</p>
        ) : (
          <ComponentGroups components={props.components} bars={props.bars} />
        )}
      </section>
      <ProbeSection vendorName={vendor.name} {...props.probes} />
      <section aria-labelledby="figures-title" data-live-part="figures">
        <h2 id="figures-title">Last {props.windowDays} days</h2>
        <Figures figures={props.figures} days={props.windowDays} />
        <p class="note">
          Median over {plural(props.figures.resolved, 'resolved incident')}; maintenances are not
          counted as incidents.
        </p>
      </section>
      <ReportCard report={props.report} />
      <section aria-labelledby="history-title" data-live-part="history">
        <h2 id="history-title">Incident history</h2>
        {props.history.incidents.length === 0 ? (
          <p>No incident recorded.</p>
        ) : (
          <IncidentTable
            incidents={props.history.incidents}
            now={now}
            caption={`${vendor.name} incident history, newest first`}
          />
        )}
        <Pager
          base={path}
          nextCursor={props.history.nextCursor}
          paged={props.history.paged}
          label="Incident history pages"
        />
      </section>
      <p class="visually-hidden" aria-live="polite" data-live-announcer=""></p>
    </Layout>
  );
};

/**
 * "polled every 1 min", or while fast polling "polled every 10 s while the incident is open" (or
 * "while its probes suggest an outage" for a suspected vendor with no open incident).
 */
const PollingNote: FC<{
  vendor: Pick<VendorView, 'intervalSeconds' | 'effectiveIntervalSeconds' | 'fastPollingReason'>;
}> = ({ vendor }) =>
  vendor.effectiveIntervalSeconds < vendor.intervalSeconds ? (
    <span data-testid="polling-note">
      polled every {formatInterval(vendor.effectiveIntervalSeconds)}{' '}
      {vendor.fastPollingReason === 'suspected'
        ? 'while its probes suggest an outage'
        : 'while the incident is open'}{' '}
      (every {formatInterval(vendor.intervalSeconds)} otherwise)
    </span>
  ) : (
    <span data-testid="polling-note">polled every {formatInterval(vendor.intervalSeconds)}</span>
  );
