// How fresh a vendor's data is, in the words every page uses (the CLI's `status` says the same:
// `failing (never succeeded)`, LAST READ `never`). Pure: the rule is domain/health.ts.
import type { FC } from 'hono/jsx';
import { describeFreshness } from '../../../domain/health.js';
import { failureReason } from '../../../domain/failure-reason.js';
import { plural } from './format.js';
import { Ago, Time } from './parts.js';

export interface PollFacts {
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  error: string | null;
  intervalSeconds: number;
  /** The first failed poll of the current streak; null while the last poll succeeded. */
  failingSince: string | null;
  consecutiveFailures: number;
}

/** `failing since Sep 10, 2025, 10:08 PM UTC (3 failed polls)`; nothing when not failing. */
export const FailingSince: FC<{ vendor: PollFacts }> = ({ vendor }) =>
  vendor.error && vendor.failingSince ? (
    <span data-failing-since="">
      failing since <Time at={vendor.failingSince} /> (
      {plural(Math.max(1, vendor.consecutiveFailures), 'failed poll')})
    </span>
  ) : null;

/**
 * `checked 14 s ago`, `last read 5 min ago`, `never succeeded — last tried 14 s ago`; while the
 * polls fail, the streak first: `failing since … (3 failed polls) · last read 5 min ago`.
 */
export const FreshnessNote: FC<{ vendor: PollFacts; now: string }> = ({ vendor, now }) => {
  const streak = vendor.error && vendor.failingSince && (
    <>
      <FailingSince vendor={vendor} />
      {' · '}
    </>
  );
  return (
    <>
      {streak}
      <ReadNote vendor={vendor} now={now} />
    </>
  );
};

const ReadNote: FC<{ vendor: PollFacts; now: string }> = ({ vendor, now }) => {
  const freshness = describeFreshness({ ...vendor, lastError: vendor.error }, now);
  switch (freshness.health) {
    case 'ok':
      return (
        <>
          checked <Ago at={vendor.lastPolledAt ?? freshness.lastSuccessAt} now={now} />
        </>
      );
    case 'stale':
      return (
        <>
          last read <Ago at={freshness.lastSuccessAt} now={now} />
        </>
      );
    case 'failing':
      if (!freshness.neverSucceeded) {
        return (
          <>
            last read <Ago at={freshness.lastSuccessAt} now={now} />
          </>
        );
      }
      return freshness.lastTriedAt ? (
        <>
          never succeeded — last tried <Ago at={freshness.lastTriedAt} now={now} />
        </>
      ) : (
        <>never succeeded — not tried yet</>
      );
  }
};

/** The last poll's failure in a few words, the full message in its tooltip; nothing if none. */
export const FailureReason: FC<{ error: string | null }> = ({ error }) =>
  error ? (
    <span class="failure-reason" title={error} data-cell="reason">
      {failureReason(error)}
    </span>
  ) : (
    <span class="failure-reason" data-cell="reason" hidden></span>
  );
