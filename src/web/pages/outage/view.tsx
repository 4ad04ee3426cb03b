// /outages/{id}: one outage that spans vendors — which vendors, the likely upstream, why each
// incident is in it (the evidence, and how far apart the starts were), and every member's
// updates on one shared timeline. Vendor text is shown as plain text.
import type { FC } from 'hono/jsx';
import type { Evidence } from '../../../domain/correlation.js';
import { formatDuration } from '../../../domain/duration.js';
import type { Outage, OutageTimelineEntry } from '../../../domain/outage.js';
import { secondsBetween } from '../../../domain/time.js';
import { plural } from '../shared/format.js';
import { Layout, type AssetUrls } from '../shared/layout.js';
import { ImpactBadge, PhaseBadge, Time } from '../shared/parts.js';

interface OutagePageProps {
  outage: Outage;
  timeline: readonly OutageTimelineEntry[];
  now: string;
  assets: AssetUrls;
}

const evidenceLabels: Record<Evidence['kind'], string> = {
  'upstream-incident': "The upstream's own incident",
  'depends-on': 'Declared dependency',
  'names-upstream': 'Named in its text',
};

function gapLabel(seconds: number | null, near: string | null, outage: Outage): string {
  if (seconds === null || near === null) return 'first to start';
  const other = outage.members.find((member) => member.incident.id === near);
  const name = other ? other.vendorName : near;
  return `${seconds < 60 ? 'under 1m' : formatDuration(seconds)} from ${name}'s start`;
}

const MemberRows: FC<{ outage: Outage }> = ({ outage }) => (
  <div class="table-wrap">
    <table class="stack-table outage-members" data-testid="outage-members">
      <caption class="visually-hidden">Incidents in this outage, earliest start first</caption>
      <thead>
        <tr>
          <th scope="col">Vendor and incident</th>
          <th scope="col">Role</th>
          <th scope="col">Started</th>
          <th scope="col">Why it is here</th>
        </tr>
      </thead>
      <tbody>
        {outage.members.map((member) => (
          <tr data-member={member.incident.id}>
            <td class="lead-cell">
              <strong>{member.vendorName}</strong>{' '}
              <a href={`/incidents/${encodeURIComponent(member.incident.id)}`}>
                {member.incident.title}
              </a>
              <span class="badges">
                <ImpactBadge impact={member.incident.impact} />
                <PhaseBadge phase={member.incident.phase} />
              </span>
            </td>
            <td data-label="Role" class="role-cell">
              {member.role === 'upstream' ? 'Upstream' : 'Dependent'}
            </td>
            <td data-label="Started">
              <Time at={member.incident.startedAt} />
              <span class="note">
                {' '}
                · {gapLabel(member.gapSeconds, member.nearIncidentId, outage)}
              </span>
            </td>
            <td data-label="Why it is here">
              <ul class="evidence-list">
                {member.evidence.map((item) => (
                  <li data-evidence={item.kind}>
                    <strong>{evidenceLabels[item.kind]}:</strong> {item.detail}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const SharedTimeline: FC<{ timeline: readonly OutageTimelineEntry[] }> = ({ timeline }) => (
  <section aria-labelledby="shared-timeline-title">
    <h2 id="shared-timeline-title">Shared timeline</h2>
    <p class="note">Every member's updates, oldest first.</p>
    <ol class="timeline outage-timeline" data-testid="outage-timeline">
      {timeline.map((entry) => (
        <li class="update" data-vendor={entry.vendorSlug}>
          <p class="update-meta">
            <strong>{entry.vendorName}</strong>
            <PhaseBadge phase={entry.phase} />
            <Time at={entry.at} />
          </p>
          <p class="update-body outage-update-text">{entry.text}</p>
          <p class="note">
            <a href={`/incidents/${encodeURIComponent(entry.incidentId)}`}>{entry.incidentTitle}</a>
          </p>
        </li>
      ))}
    </ol>
  </section>
);

export const OutagePage: FC<OutagePageProps> = ({ outage, timeline, now, assets }) => {
  const open = outage.resolvedAt === null;
  const lasted = secondsBetween(outage.startedAt, outage.resolvedAt ?? now);
  const where = outage.region ? `${outage.upstreamName} (${outage.region})` : outage.upstreamName;
  return (
    <Layout title={outage.title} assets={assets}>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href="/">Dashboard</a> › Outage across vendors
      </nav>
      <header>
        <p class="eyebrow">Outage across vendors</p>
        <h1>{outage.title}</h1>
        <p data-testid="outage-summary">
          {plural(outage.vendors.length, 'vendor')} had incidents starting close together with a
          shared likely cause: <strong>{where}</strong>.{' '}
          {open ? (
            <>Ongoing for {formatDuration(lasted)}.</>
          ) : (
            <>Lasted {formatDuration(lasted)}.</>
          )}
        </p>
      </header>
      <dl class="figures" data-testid="outage-figures">
        <div>
          <dt>Likely upstream</dt>
          <dd class="figure-text">{where}</dd>
        </div>
        <div>
          <dt>Vendors</dt>
          <dd>{outage.vendors.length}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd class="figure-text">
            <Time at={outage.startedAt} />
          </dd>
        </div>
        <div>
          <dt>{open ? 'Status' : 'Resolved'}</dt>
          <dd class="figure-text">{open ? 'Ongoing' : <Time at={outage.resolvedAt!} />}</dd>
        </div>
      </dl>
      <section aria-labelledby="members-title">
        <h2 id="members-title">Vendors and the evidence for grouping them</h2>
        <p class="note">
          Incidents are grouped only when they start within the correlation window of a member AND
          share evidence of one cause: a declared dependency, the upstream's own incident, or texts
          naming the same provider and region. Time alone never groups.
        </p>
        <MemberRows outage={outage} />
      </section>
      <SharedTimeline timeline={timeline} />
      <p class="note">
        The same outage as <a href={`/api/v1/outages/${encodeURIComponent(outage.id)}`}>JSON</a>.
      </p>
    </Layout>
  );
};
