// The vendor page's "Probes" section: each probe's latest result, a suspicion banner while the
// probes fail and the vendor has not posted, a server-rendered SVG of the last 24 h (latency bars,
// failures marked below them) with the same facts in words, and the median posting lag.
import type { FC } from 'hono/jsx';
import { describePostingLag, formatLag } from '../../../domain/suspicion.js';
import type { OpenSuspicion, ProbeStateView } from '../../../store/index.js';
import { formatMs, type ProbeChart } from './probe-chart.js';
import { Time } from '../shared/parts.js';
import { plural } from '../shared/format.js';

export interface ProbeSectionProps {
  vendorName: string;
  probes: readonly ProbeStateView[];
  chart: ProbeChart;
  suspicion: OpenSuspicion | null;
  /** Posting lags of the vendor's incidents linked to suspicions, in seconds. */
  lags: readonly number[];
  medianLagSeconds: number | null;
}

const width = 480;
const barsHeight = 100;
const failHeight = 12;
const height = barsHeight + failHeight + 4;

const Chart: FC<{ chart: ProbeChart; vendorName: string }> = ({ chart, vendorName }) => {
  const slot = width / chart.buckets.length;
  return (
    <figure class="probe-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby="probe-chart-title probe-chart-desc"
        data-testid="probe-chart"
      >
        <title id="probe-chart-title">{`${vendorName} probes, last 24 hours`}</title>
        <desc id="probe-chart-desc">{chart.summary}</desc>
        <line class="probe-axis" x1="0" y1={barsHeight} x2={width} y2={barsHeight} />
        {chart.buckets.map((bucket, index) => {
          const x = index * slot + 1;
          const w = Math.max(1, slot - 2);
          const label = `${bucket.from.slice(11, 16)} UTC: ${
            bucket.count === 0
              ? 'no results'
              : `${plural(bucket.count, 'request')}, ${bucket.failures} failed, median ${formatMs(bucket.p50Ms ?? 0)}`
          }`;
          const barHeight =
            bucket.p50Ms === null
              ? 0
              : Math.max(1, (bucket.p50Ms / chart.scaleMs) * (barsHeight - 4));
          return (
            <g>
              <title>{label}</title>
              {bucket.count > 0 && (
                <rect
                  class="probe-latency"
                  x={x.toFixed(1)}
                  y={(barsHeight - barHeight).toFixed(1)}
                  width={w.toFixed(1)}
                  height={barHeight.toFixed(1)}
                />
              )}
              {bucket.failures > 0 && (
                <rect
                  class="probe-failure"
                  x={x.toFixed(1)}
                  y={barsHeight + 4}
                  width={w.toFixed(1)}
                  height={failHeight}
                />
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="probe-legend note">
        <span class="legend-latency">
          Bars: median latency per half hour (tallest {formatMs(chart.scaleMs)})
        </span>
        {' · '}
        <span class="legend-failure">red marks: half hours with failures</span>
        {' · '}
        <Time at={chart.since} /> to now
      </figcaption>
    </figure>
  );
};

const LagNote: FC<{ props: ProbeSectionProps }> = ({ props }) => {
  if (props.medianLagSeconds === null) {
    return (
      <p class="note" data-testid="posting-lag-median">
        No incident of {props.vendorName} has been linked to a suspected outage yet, so there is no
        posting lag to show.
      </p>
    );
  }
  return (
    <p data-testid="posting-lag-median">
      Median posting lag over {plural(props.lags.length, 'linked incident')}:{' '}
      <strong>{formatLag(props.medianLagSeconds)}</strong> (
      {describePostingLag(props.medianLagSeconds, props.vendorName)}).
    </p>
  );
};

export const ProbeSection: FC<ProbeSectionProps> = (props) => {
  if (props.probes.length === 0) {
    return (
      <section aria-labelledby="probes-title" data-live-part="probes">
        <h2 id="probes-title">Probes</h2>
        <p data-testid="probes-empty">
          No probe results for {props.vendorName}. Probes request the vendor's own endpoints (its
          API, its health check) so vendorwatch sees errors before the vendor posts: add{' '}
          <code>probes:</code> to this vendor's entry in the config file (see the README, "Probes
          and suspected outages").
        </p>
        <LagNote props={props} />
      </section>
    );
  }
  return (
    <section aria-labelledby="probes-title" data-live-part="probes">
      <h2 id="probes-title">Probes</h2>
      {props.suspicion && (
        <div class="banner banner-failing" role="status" data-testid="suspicion-banner">
          <strong>Suspected outage</strong>
          vendorwatch's probes have failed since <Time
            at={props.suspicion.firstSignalAt}
          /> and {props.vendorName}'s status page shows no incident yet.
        </div>
      )}
      <ul class="probe-list" data-testid="probe-list">
        {props.probes.map((probe) => (
          <li>
            <span class={`badge ${probe.ok ? 'health-ok' : 'health-failing'}`}>
              {probe.ok ? 'passing' : 'failing'}
            </span>{' '}
            <strong>{probe.probe}</strong>: {probe.ok ? `HTTP ${probe.status ?? '?'}` : probe.error}
            , {formatMs(probe.durationMs)}, <Time at={probe.lastAt} />
            {probe.failingSince && (
              <>
                {' '}
                (failing since <Time at={probe.failingSince} />)
              </>
            )}
          </li>
        ))}
      </ul>
      <p data-testid="probe-summary">{props.chart.summary}</p>
      {props.chart.count > 0 && <Chart chart={props.chart} vendorName={props.vendorName} />}
      <LagNote props={props} />
    </section>
  );
};
