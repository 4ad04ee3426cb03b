// The vendor page's report card: the window's figures, each compared with the median of every
// watched vendor as a stated fact, each explained, with links to the incidents behind them.
import type { FC } from 'hono/jsx';
import { formatDuration } from '../../../domain/duration.js';
import { flagKinds } from '../../../domain/hygiene-flags.js';
import type { ComparedFigure, Comparison } from '../../../domain/report-card.js';
import { reportMethods } from '../../report/explain.js';
import type { VendorReport } from '../../report/load-report.js';
import { flagLabels, plural } from '../shared/format.js';

/** Shown by id; beyond this, the rest is one link to the vendor's incident list. */
const maxLinkedIncidents = 12;

const formats: Record<ComparedFigure, (value: number) => string> = {
  resolveMedian: formatDuration,
  resolveP90: formatDuration,
  postmortemShare: (value) => `${Math.round(value * 100)}%`,
  postmortemDays: (value) => `${value} ${value === 1 ? 'day' : 'days'}`,
  cadence: formatDuration,
};

const labels: Record<ComparedFigure, string> = {
  resolveMedian: 'Median time to resolve',
  resolveP90: 'Time to resolve, 90th percentile',
  postmortemShare: 'Incidents with a postmortem',
  postmortemDays: 'Median days to the postmortem',
  cadence: 'Median gap between updates',
};

const standingWords = {
  lower: { 'better than most': 'faster than most', 'worse than most': 'slower than most' },
  higher: { 'better than most': 'more often than most', 'worse than most': 'less often than most' },
} as const;

function verdict(name: ComparedFigure, comparison: Comparison, vendorName: string): string {
  const { standing, better, worse, peers } = comparison;
  if (standing === 'no peers') return 'No other vendor to compare with yet.';
  const others = peers - 1;
  const words = name === 'postmortemShare' ? standingWords.higher : standingWords.lower;
  if (standing === 'about the median') {
    return `About the median: ${better} of ${plural(others, 'other vendor')} did better, ${worse} worse.`;
  }
  return `${vendorName} is ${words[standing]} of your vendors: ${
    standing === 'worse than most' ? better : worse
  } of ${plural(others, 'other vendor')} ${standing === 'worse than most' ? 'did better' : 'did worse'}.`;
}

const Figure: FC<{ name: ComparedFigure; comparison: Comparison; vendorName: string }> = ({
  name,
  comparison,
  vendorName,
}) => {
  const format = formats[name];
  return (
    <div data-report-figure={name} data-standing={comparison.standing}>
      <dt>{labels[name]}</dt>
      <dd>
        <strong>{comparison.value === null ? '—' : format(comparison.value)}</strong>
        <span class="note">
          {' '}
          median of {plural(comparison.peers, 'vendor')}:{' '}
          {comparison.peerMedian === null ? '—' : format(comparison.peerMedian)}
        </span>
        {comparison.value !== null && (
          <p class="report-verdict">{verdict(name, comparison, vendorName)}</p>
        )}
        <details>
          <summary>How it is computed</summary>
          <p class="note">{reportMethods[name]}</p>
        </details>
      </dd>
    </div>
  );
};

/** Each hygiene flag: how many incidents carried it, against the median vendor's count. */
const FlagCounts: FC<{ report: VendorReport }> = ({ report }) => {
  const slug = encodeURIComponent(report.vendor.slug);
  return (
    <div class="report-flags" data-testid="report-flags">
      <h3>Hygiene flags</h3>
      {/* Three short columns fit a phone: a plain table, not one card per flag. */}
      <table class="report-flag-table">
        <thead>
          <tr>
            <th scope="col">Flag</th>
            <th scope="col">Incidents</th>
            <th scope="col">Median vendor</th>
          </tr>
        </thead>
        <tbody>
          {flagKinds.map((kind) => {
            const comparison = report.flagComparisons[kind];
            return (
              <tr data-report-flag={kind} data-standing={comparison.standing}>
                <th scope="row">
                  <a href={`/incidents?vendor=${slug}&flag=${kind}`}>{flagLabels[kind]}</a>
                </th>
                <td>{report.figures.flags[kind]}</td>
                <td>
                  {comparison.peerMedian === null ? '—' : comparison.peerMedian}
                  {comparison.standing === 'worse than most' && (
                    <span class="note"> (more than most)</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <details>
        <summary>How it is computed</summary>
        <p class="note">{reportMethods.flags}</p>
      </details>
    </div>
  );
};

export const ReportCard: FC<{ report: VendorReport }> = ({ report }) => {
  const { figures, comparisons } = report;
  const slug = encodeURIComponent(report.vendor.slug);
  const shown = figures.incidentIds.slice(0, maxLinkedIncidents);
  return (
    <section aria-labelledby="report-title" class="report-card" data-testid="report-card">
      <h2 id="report-title">Report card, last {report.days} days</h2>
      <p class="note">
        {plural(figures.incidents, 'incident')}: {figures.byImpact.critical} critical,{' '}
        {figures.byImpact.major} major, {figures.byImpact.minor} minor, {figures.byImpact.notice}{' '}
        notice; {figures.resolve.resolved} resolved. {reportMethods.comparison}
      </p>
      <dl class="report-figures">
        {(Object.keys(labels) as ComparedFigure[]).map((name) => (
          <Figure name={name} comparison={comparisons[name]} vendorName={report.vendor.name} />
        ))}
      </dl>
      <FlagCounts report={report} />
      {shown.length > 0 && (
        <p class="note report-incidents">
          Behind these figures:{' '}
          {shown.map((id, n) => (
            <>
              {n > 0 && ', '}
              <a href={`/incidents/${encodeURIComponent(id)}`}>{id}</a>
            </>
          ))}
          {figures.incidentIds.length > shown.length && (
            <>
              {' '}
              and{' '}
              <a href={`/incidents?vendor=${slug}`}>
                {figures.incidentIds.length - shown.length} more
              </a>
            </>
          )}
          . <a href={`/api/v1/vendors/${slug}/report?days=${report.days}`}>As JSON</a> ·{' '}
          <a href={`/vendors/${slug}/uptime`}>Uptime (SLA evidence)</a>
        </p>
      )}
    </section>
  );
};
