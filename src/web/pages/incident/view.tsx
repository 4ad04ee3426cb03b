// /incidents/{id}: everything the reference page (docs/contract.md#reference-incident) shows,
// in the order a reader asks for it: what, how bad, since when, what it touched, what was said.
// Each part that can change carries data-live-part: app.js fetches this same page again when
// the incident changes and swaps those parts in place, so there is one rendering of them.
import type { FC } from 'hono/jsx';
import type { Revision } from '../../../domain/diff.js';
import { formatDuration } from '../../../domain/duration.js';
import type { IncidentFlag } from '../../../domain/hygiene-flags.js';
import type { IncidentWithUpdates } from '../../../domain/model.js';
import { describePostingLag, incidentPostingLagSeconds } from '../../../domain/suspicion.js';
import { secondsBetween } from '../../../domain/time.js';
import { impactLabels, phaseLabels, safeHttpUrl } from '../shared/format.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import { ExternalLink, ImpactBadge, PhaseBadge, Time } from '../shared/parts.js';
import { FlagList } from './flags.js';
import { IncidentRegions } from './regions.js';
import { RevisionList, UpdateTimeline } from './timeline.js';

interface IncidentPageProps {
  incident: IncidentWithUpdates;
  vendor: { slug: string; name: string; statusPageUrl: string | null };
  revisions: readonly Revision[];
  flags: readonly IncidentFlag[];
  /**
   * The correlated outage this incident was grouped into, if any, named by its likely upstream
   * (which stays put while more vendors join; the cached page is keyed by the outage id only).
   */
  outage?: { id: string; upstream: string } | null;
  summary: string;
  durationSeconds: number;
  assets: AssetUrls;
}

/** The overall state in the reader's words: the phase alone says "postmortem" for a closed one. */
function stateLabel(incident: IncidentWithUpdates): string {
  if (incident.kind === 'maintenance') {
    if (incident.resolvedAt) return 'Completed';
    return incident.phase === 'scheduled' ? 'Scheduled' : 'In progress';
  }
  return incident.resolvedAt ? 'Resolved' : 'Ongoing';
}

interface DetectionLag {
  seconds: number;
  /** Our first sighting came after (normally) or before (a vendor clock ahead) its first post. */
  relation: 'after' | 'before';
}

/** How long after the vendor's first post vendorwatch saw the incident; null when imported. */
function detectionLag(incident: IncidentWithUpdates): DetectionLag | null {
  if (incident.backfilled) return null;
  const firstPost = incident.updates[0]?.postedAt ?? incident.startedAt;
  const after = secondsBetween(firstPost, incident.detectedAt);
  if (after > 0 || Date.parse(incident.detectedAt) >= Date.parse(firstPost)) {
    return { seconds: after, relation: 'after' };
  }
  return { seconds: secondsBetween(incident.detectedAt, firstPost), relation: 'before' };
}

const Detection: FC<{ incident: IncidentWithUpdates }> = ({ incident }) => {
  const lag = detectionLag(incident);
  if (!lag) {
    return (
      <dd>
        <Time at={incident.detectedAt} />
        <span class="note">
          {' '}
          — already in the vendor's history when vendorwatch started watching
        </span>
      </dd>
    );
  }
  return (
    <dd>
      <Time at={incident.detectedAt} />
      <span class="note" data-testid="detection-lag">
        {' '}
        — {formatDuration(lag.seconds)} {lag.relation} the vendor's first post
      </span>
    </dd>
  );
};

export const IncidentPage: FC<IncidentPageProps> = (props) => {
  const { incident, vendor } = props;
  const source = safeHttpUrl(incident.sourceUrl) ?? safeHttpUrl(vendor.statusPageUrl);
  const vendorPath = `/vendors/${encodeURIComponent(vendor.slug)}`;
  const state = stateLabel(incident);
  const kindWord = incident.kind === 'maintenance' ? 'maintenance' : 'incident';
  return (
    <Layout
      title={`${incident.title} — ${vendor.name}`}
      assets={props.assets}
      preview={{
        title: `${vendor.name}: ${incident.title} (${impactLabels[incident.impact]}, ${phaseLabels[incident.phase]})`,
        description: props.summary,
      }}
      feeds={{
        title: `${vendor.name} incidents`,
        atom: `${vendorPath}/feed.atom`,
        rss: `${vendorPath}/feed.rss`,
      }}
    >
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href="/">Dashboard</a> › <a href={vendorPath}>{vendor.name}</a> ›{' '}
        <a href={`/incidents?vendor=${encodeURIComponent(vendor.slug)}`}>Incidents</a>
      </nav>
      <article
        class="incident"
        data-incident-id={incident.id}
        data-vendor={vendor.slug}
        aria-labelledby="incident-title"
      >
        <header class="incident-header">
          <p class="eyebrow">
            <a href={vendorPath}>{vendor.name}</a> {kindWord}
          </p>
          <h1 id="incident-title" data-live-part="title">
            {incident.title}
          </h1>
          <p class="badges" data-testid="badges" data-live-part="badges">
            <ImpactBadge impact={incident.impact} />
            <span class={`badge state state-${state.toLowerCase().replace(' ', '-')}`}>
              {state}
            </span>
            {incident.phase !== 'resolved' && incident.phase !== 'completed' && (
              <PhaseBadge phase={incident.phase} />
            )}
            {source && <ExternalLink href={source}>View vendor source →</ExternalLink>}
          </p>
        </header>
        <p class="summary" data-testid="summary" data-live-part="summary">
          {props.summary}
        </p>
        <dl class="facts" data-live-part="facts">
          {incident.kind === 'maintenance' && incident.scheduledFor && (
            <div>
              <dt>Scheduled</dt>
              <dd>
                <Time at={incident.scheduledFor} />
                {incident.scheduledUntil && (
                  <>
                    {' '}
                    until <Time at={incident.scheduledUntil} />
                  </>
                )}
              </dd>
            </div>
          )}
          <div>
            <dt>Started</dt>
            <dd>
              <Time at={incident.startedAt} />
            </dd>
          </div>
          <div>
            <dt>{incident.kind === 'maintenance' ? 'Completed' : 'Resolved'}</dt>
            <dd>{incident.resolvedAt ? <Time at={incident.resolvedAt} /> : 'ongoing'}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>
              {formatDuration(props.durationSeconds)}
              {!incident.resolvedAt && ' so far'}
            </dd>
          </div>
          <div>
            <dt>Detected by vendorwatch</dt>
            <Detection incident={incident} />
          </div>
          {props.outage && (
            <div data-testid="incident-outage">
              <dt>Correlated outage</dt>
              <dd>
                <a href={`/outages/${encodeURIComponent(props.outage.id)}`}>
                  Likely {props.outage.upstream} outage
                </a>
                <span class="note"> — other vendors were hit at the same time</span>
              </dd>
            </div>
          )}
          <PostingLag incident={incident} vendorName={props.vendor.name} />
        </dl>
        <section aria-labelledby="components-title" data-live-part="components">
          <h2 id="components-title">Affected components</h2>
          {incident.components.length === 0 ? (
            <p class="note">The vendor did not name any component.</p>
          ) : (
            <ul class="chips" data-testid="components">
              {incident.components.map((name) => (
                <li>{name}</li>
              ))}
            </ul>
          )}
        </section>
        <IncidentRegions regions={incident.regions} />
        <div data-live-part="flags">
          <FlagList flags={props.flags} />
        </div>
        <UpdateTimeline incident={incident} />
        <div data-live-part="revisions">
          <RevisionList revisions={props.revisions} />
        </div>
      </article>
      <p class="visually-hidden" aria-live="polite" data-live-announcer=""></p>
      <p class="machine-links">
        <a href={`/api/v1/incidents/${encodeURIComponent(incident.id)}`}>This {kindWord} as JSON</a>
      </p>
    </Layout>
  );
};

/** The posting lag of an incident linked to a suspected outage (docs/contract.md#probes). */
function PostingLag(props: { incident: IncidentWithUpdates; vendorName: string }) {
  const { incident } = props;
  const lag = incidentPostingLagSeconds(incident);
  if (lag === null || !incident.firstSignalAt) return null;
  return (
    <div data-testid="posting-lag">
      <dt>Probes saw errors</dt>
      <dd>
        {describePostingLag(lag, props.vendorName)} (first failing probe{' '}
        <Time at={incident.firstSignalAt} />)
      </dd>
    </div>
  );
}
