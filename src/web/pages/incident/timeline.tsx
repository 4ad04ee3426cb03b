// The update timeline, oldest first as the story unfolded (numbered, like the reference page),
// with the postmortem set apart; and the edits the vendor made after vendorwatch first saw them.
import type { FC } from 'hono/jsx';
import type { Revision } from '../../../domain/diff.js';
import { formatDuration } from '../../../domain/duration.js';
import type { IncidentUpdate, IncidentWithUpdates } from '../../../domain/model.js';
import { secondsBetween } from '../../../domain/time.js';
import { isOneOf, impacts, phases } from '../../../domain/vocabulary.js';
import { bodyMarkup } from '../shared/body.js';
import { formatUtc, impactLabels, phaseLabels } from '../shared/format.js';
import { PhaseBadge, Time } from '../shared/parts.js';

function elapsedLabel(update: IncidentUpdate, incident: IncidentWithUpdates): string {
  if (incident.resolvedAt && update.postedAt > incident.resolvedAt) {
    return `${formatDuration(secondsBetween(incident.resolvedAt, update.postedAt))} after it was resolved`;
  }
  return `${formatDuration(secondsBetween(incident.startedAt, update.postedAt))} after the start`;
}

const UpdateItem: FC<{ update: IncidentUpdate; incident: IncidentWithUpdates; index: number }> = ({
  update,
  incident,
  index,
}) => {
  const isPostmortem = update.phase === 'postmortem';
  const others = update.components?.filter((name) => !incident.components.includes(name)) ?? [];
  const named = update.components && update.components.length > 0 ? update.components : null;
  return (
    <li
      id={`update-${index + 1}`}
      class={isPostmortem ? 'update postmortem' : 'update'}
      data-phase={update.phase}
    >
      <p class="update-meta">
        {isPostmortem ? (
          <strong class="postmortem-label">Postmortem</strong>
        ) : (
          <PhaseBadge phase={update.phase} />
        )}
        <Time at={update.postedAt} />
        <span class="note"> · {elapsedLabel(update, incident)}</span>
      </p>
      <div class="update-body">{bodyMarkup(update.body)}</div>
      {named && (named.length < incident.components.length || others.length > 0) && (
        <p class="note">Components named in this update: {named.join(', ')}</p>
      )}
    </li>
  );
};

export const UpdateTimeline: FC<{ incident: IncidentWithUpdates }> = ({ incident }) => {
  const { updates } = incident;
  const postmortemIndex = updates.findIndex((update) => update.phase === 'postmortem');
  const latest = updates.at(-1);
  return (
    <section aria-labelledby="timeline-title" data-live-part="timeline" data-live-list="">
      <h2 id="timeline-title">Update timeline</h2>
      <p class="note">
        {updates.length === 1 ? '1 update' : `${updates.length} updates`}, oldest first.
        {latest && updates.length > 1 && (
          <>
            {' '}
            <a href={`#update-${updates.length}`}>Jump to the latest update</a>
          </>
        )}
        {postmortemIndex >= 0 && postmortemIndex !== updates.length - 1 && (
          <>
            {' · '}
            <a href={`#update-${postmortemIndex + 1}`}>Jump to the postmortem</a>
          </>
        )}
      </p>
      {updates.length === 0 ? (
        <p>The vendor has not posted any update text.</p>
      ) : (
        <ol class="timeline" data-testid="timeline" data-live-list="">
          {updates.map((update, index) => (
            <UpdateItem update={update} incident={incident} index={index} />
          ))}
        </ol>
      )}
    </section>
  );
};

const fieldNames: Record<string, string> = {
  title: 'Title',
  kind: 'Kind',
  impact: 'Impact',
  phase: 'Status',
  startedAt: 'Start time',
  resolvedAt: 'Resolution time',
  sourceUrl: 'Link',
  scheduledFor: 'Scheduled start',
  scheduledUntil: 'Scheduled end',
  'update.body': 'Update text',
  'update.phase': 'Update status',
  'update.postedAt': 'Update time',
  withdrawn: 'Removed from the vendor page',
};

const RevisionValue: FC<{ field: string; value: string | null }> = ({ field, value }) => {
  if (value === null) return <em>none</em>;
  if (field === 'update.body') return <div class="update-body">{bodyMarkup(value)}</div>;
  if (/At$|^scheduled|^withdrawn$/.test(field)) return <>{formatUtc(value)}</>;
  if (field === 'impact' && isOneOf(impacts, value)) return <>{impactLabels[value]}</>;
  if (field.endsWith('phase') && isOneOf(phases, value)) return <>{phaseLabels[value]}</>;
  return <>{value}</>;
};

export const RevisionList: FC<{ revisions: readonly Revision[] }> = ({ revisions }) => {
  if (revisions.length === 0) return null;
  return (
    <section aria-labelledby="revisions-title" class="revisions">
      <h2 id="revisions-title">Later edits by the vendor</h2>
      <p class="note">
        What the vendor changed after vendorwatch first recorded it, oldest first. Nothing is
        overwritten silently.
      </p>
      <ol>
        {revisions.map((revision) => (
          <li>
            <p class="update-meta">
              <strong>{fieldNames[revision.field] ?? revision.field}</strong>
              {revision.updateId && <span class="note"> of update {revision.updateId}</span>}
              <span class="note">
                {' '}
                · seen <Time at={revision.seenAt} />
              </span>
            </p>
            {revision.field === 'withdrawn' ? (
              <p>The vendor no longer lists it; vendorwatch keeps it and closed it then.</p>
            ) : (
              <dl class="revision">
                <dt>Before</dt>
                <dd>
                  <RevisionValue field={revision.field} value={revision.from} />
                </dd>
                <dt>After</dt>
                <dd>
                  <RevisionValue field={revision.field} value={revision.to} />
                </dd>
              </dl>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
};
