// GET /deliveries: the targets and their recent deliveries, filtered by ?target= and ?status=.
import type { Context } from 'hono';
import { listDeliveries, listNotifyTargets, outboxStatuses } from '../../../store/index.js';
import { targetNamePattern } from '../../ids.js';
import type { PageDeps } from '../shared/context.js';
import { sendHtml } from '../shared/html.js';
import { DeliveriesPage } from './view.js';

const pageSize = 100;

/** Unknown filter values are ignored here (it is a page, not the API): the page shows all. */
export async function deliveriesPage(c: Context, deps: PageDeps): Promise<Response> {
  const target = c.req.query('target');
  const status = c.req.query('status');
  const query = {
    limit: pageSize,
    ...(target && targetNamePattern.test(target) ? { target } : {}),
    ...(status && (outboxStatuses as readonly string[]).includes(status) ? { status } : {}),
  };
  const [targets, page] = await Promise.all([
    listNotifyTargets(deps.db),
    listDeliveries(deps.db, query),
  ]);
  return sendHtml(
    c,
    <DeliveriesPage
      targets={targets}
      deliveries={page.deliveries}
      target={query.target ?? null}
      status={query.status ?? null}
      vendorName={(event) =>
        deps.vendorName?.(event.vendorSlug) ?? event.vendorName ?? event.vendorSlug
      }
      now={deps.now()}
      assets={deps.assets.urls}
    />,
  );
}
