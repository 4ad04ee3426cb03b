// GET /vendors/{slug}[?cursor=]: the vendor page.
import type { Context } from 'hono';
import { medianSeconds, postingLagSeconds } from '../../../domain/suspicion.js';
import { effectiveIntervalOf } from '../../polling-interval.js';
import { addSeconds } from '../../../domain/time.js';
import {
  findOpenSuspicion,
  listPostingLags,
  listProbeResults,
  listProbeStates,
  findOldestIncidentStart,
  findVendorRecord,
  getVendorDetail,
  InvalidQueryError,
  listComponentChanges,
  listIncidents,
  listVendorWindowIncidents,
} from '../../../store/index.js';
import { cursorPattern, maxPathIdLength } from '../../ids.js';
import { errorPage } from '../error/handler.js';
import type { PageDeps } from '../shared/context.js';
import { sendHtml } from '../shared/html.js';
import { dailyBars, windowStart } from './daily-bars.js';
import { loadVendorReport } from '../../report/load-report.js';
import { windowFigures } from './figures.js';
import { chartHours, probeChart } from './probe-chart.js';
import { VendorPage } from './view.js';

const windowDays = 90;
const historyPageSize = 25;
/** Incidents that started this long before the window may still reach into it. */
const lookbackSeconds = 30 * 86_400;

export async function vendorPage(c: Context, deps: PageDeps, slug: string): Promise<Response> {
  const now = deps.now();
  const detail = slug.length <= maxPathIdLength ? await getVendorDetail(deps.db, slug, now) : null;
  if (!detail) {
    return errorPage(
      c,
      deps,
      404,
      'No such vendor',
      'vendorwatch does not watch a vendor by this name.',
    );
  }
  const cursor = c.req.query('cursor');
  if (cursor !== undefined && !cursorPattern.test(cursor)) {
    return errorPage(c, deps, 400, 'Bad page link', 'This history page link is not valid.');
  }
  const since = windowStart(now, windowDays);
  let history;
  try {
    history = await listIncidents(deps.db, { vendor: slug, limit: historyPageSize, cursor });
  } catch (error) {
    if (!(error instanceof InvalidQueryError)) throw error;
    return errorPage(c, deps, 400, 'Bad page link', 'This history page link is not valid.');
  }
  const [
    record,
    windowIncidents,
    changes,
    oldestIncidentAt,
    report,
    probeStates,
    probePoints,
    suspicion,
    lagRows,
  ] = await Promise.all([
    findVendorRecord(deps.db, slug),
    listVendorWindowIncidents(deps.db, slug, addSeconds(since, -lookbackSeconds)),
    listComponentChanges(deps.db, slug, since),
    findOldestIncidentStart(deps.db, slug),
    loadVendorReport({ ...deps, now }, slug, windowDays),
    listProbeStates(deps.db, slug),
    listProbeResults(deps.db, slug, addSeconds(now, -chartHours * 3600)),
    findOpenSuspicion(deps.db, slug),
    listPostingLags(deps.db, slug),
  ]);
  const lags = lagRows.flatMap((row) => {
    const lag = postingLagSeconds(row.firstSignalAt, row.firstPostAt);
    return lag === null ? [] : [lag];
  });
  const bars = dailyBars({
    components: detail.components,
    incidents: windowIncidents,
    changes,
    firstSuccessAt: detail.firstSuccessAt,
    oldestIncidentAt,
    now,
    days: windowDays,
  });
  const vendor = {
    ...detail,
    name: deps.vendorName?.(slug) ?? detail.name,
    watchedSince: record?.watchedSince ?? detail.lastPolledAt ?? now,
    fastPollingReason: detail.hasOpenIncident
      ? ('incident' as const)
      : suspicion
        ? ('suspected' as const)
        : null,
    effectiveIntervalSeconds: effectiveIntervalOf(
      { ...detail, suspected: suspicion !== null },
      deps.activeIntervalFor,
    ),
  };
  return sendHtml(
    c,
    <VendorPage
      vendor={vendor}
      components={detail.components}
      activeIncidents={detail.activeIncidents}
      bars={bars}
      figures={windowFigures(windowIncidents, since)}
      report={report}
      windowDays={windowDays}
      history={{ ...history, paged: cursor !== undefined }}
      probes={{
        probes: probeStates,
        chart: probeChart(probePoints, now),
        suspicion,
        lags,
        medianLagSeconds: medianSeconds(lags),
      }}
      now={now}
      assets={deps.assets.urls}
    />,
  );
}
