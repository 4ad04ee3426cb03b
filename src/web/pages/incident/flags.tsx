// The incident page's "Flags" section: each hygiene flag with the evidence behind it — times,
// and old → new for what the vendor changed. Vendor text goes in as JSX text, escaped.
import type { FC } from 'hono/jsx';
import { formatDuration } from '../../../domain/duration.js';
import type { FlagEvidence, FlagKind, IncidentFlag } from '../../../domain/hygiene-flags.js';
import { flagLabels, impactLabels, phaseLabels } from '../shared/format.js';
import { Time } from '../shared/parts.js';

const flagMeaning: Record<FlagKind, string> = {
  stuck: 'Open with no update from the vendor for longer than its threshold.',
  backdated: 'Posted with a time earlier than it could have been seen.',
  downgraded: 'The impact was lowered after publication.',
  rewritten: 'The title or an update text was changed after publication.',
  silent_resolution: 'Resolved without any resolving update text.',
  no_components: 'Names no affected component.',
  postmortem_missing: 'A postmortem was promised and has not arrived.',
};

const Change: FC<{ from: string; to: string; fromAt: string; toAt: string }> = (props) => (
  <dl class="revision flag-change">
    <dt>Before</dt>
    <dd>
      <span class="flag-text">{props.from}</span>{' '}
      <span class="note">
        (seen <Time at={props.fromAt} />)
      </span>
    </dd>
    <dt>After</dt>
    <dd>
      <span class="flag-text">{props.to}</span>{' '}
      <span class="note">
        (seen <Time at={props.toAt} />)
      </span>
    </dd>
  </dl>
);

const Evidence: FC<{ evidence: FlagEvidence }> = ({ evidence }) => {
  switch (evidence.kind) {
    case 'stuck':
      return (
        <p>
          {phaseLabels[evidence.phase]}, last vendor update <Time at={evidence.lastUpdateAt} />;
          threshold {formatDuration(evidence.stuckAfterSeconds)}.
        </p>
      );
    case 'backdated':
      return (
        <ul class="flag-items">
          {evidence.items.map((item) => (
            <li>
              {item.what === 'start' ? 'Start' : `Update ${item.updateId ?? ''}`} claims{' '}
              <Time at={item.claimedAt} />; first seen <Time at={item.seenAt} />, though our read at{' '}
              <Time at={item.previousReadAt} /> did not have it.
            </li>
          ))}
        </ul>
      );
    case 'downgraded':
      return (
        <>
          {evidence.changes.map((change) => (
            <Change
              from={impactLabels[change.from]}
              to={impactLabels[change.to]}
              fromAt={change.fromSeenAt}
              toAt={change.toSeenAt}
            />
          ))}
        </>
      );
    case 'rewritten':
      return (
        <>
          {evidence.changes.map((change) => (
            <div class="flag-rewrite">
              <p class="note">
                {change.field === 'title' ? 'Title' : `Text of update ${change.updateId ?? ''}`}
              </p>
              <Change
                from={change.from}
                to={change.to}
                fromAt={change.fromSeenAt}
                toAt={change.toSeenAt}
              />
            </div>
          ))}
        </>
      );
    case 'silent_resolution':
      return (
        <p>
          Resolved {evidence.resolvedAt ? <Time at={evidence.resolvedAt} /> : ''} with no resolving
          update text
          {evidence.lastUpdateAt && (
            <>
              ; the last update was posted <Time at={evidence.lastUpdateAt} />
            </>
          )}
          .
        </p>
      );
    case 'no_components':
      return <p>Neither the incident nor any of its updates names a component.</p>;
    case 'postmortem_missing':
      return (
        <p>
          Promised in update {evidence.updateId} (<Time at={evidence.promisedAt} />
          ); none by <Time at={evidence.dueAt} />.
        </p>
      );
  }
};

export const FlagList: FC<{ flags: readonly IncidentFlag[] }> = ({ flags }) => {
  if (flags.length === 0) return null;
  return (
    <section aria-labelledby="flags-title" class="flags" data-testid="flags">
      <h2 id="flags-title">Flags</h2>
      <p class="note">How the vendor kept this record, as vendorwatch observed it.</p>
      <ul class="flag-list">
        {flags.map((flag) => (
          <li class={`flag flag-${flag.clearedAt ? 'cleared' : 'holding'}`} data-flag={flag.kind}>
            <p class="flag-head">
              <span class="badge flag-badge">{flagLabels[flag.kind]}</span>{' '}
              <span class="note">
                {flagMeaning[flag.kind]} Detected <Time at={flag.firstDetectedAt} />
                {flag.clearedAt && (
                  <>
                    , cleared <Time at={flag.clearedAt} />
                  </>
                )}
                .
              </span>
            </p>
            <Evidence evidence={flag.evidence} />
          </li>
        ))}
      </ul>
    </section>
  );
};
