// GET /outages/{id}: the outage page.
import type { Context } from 'hono';
import { getOutage, getOutageTimeline } from '../../../store/index.js';
import { maxPathIdLength } from '../../ids.js';
import { errorPage } from '../error/handler.js';
import type { PageDeps } from '../shared/context.js';
import { sendHtml } from '../shared/html.js';
import { OutagePage } from './view.js';

export async function outagePage(c: Context, deps: PageDeps, id: string): Promise<Response> {
  const outage = id.length <= maxPathIdLength ? await getOutage(deps.db, id) : null;
  if (!outage) {
    return errorPage(c, deps, 404, 'Outage not found', 'There is no outage with this id.');
  }
  const timeline = await getOutageTimeline(deps.db, outage);
  return sendHtml(
    c,
    <OutagePage outage={outage} timeline={timeline} now={deps.now()} assets={deps.assets.urls} />,
  );
}
