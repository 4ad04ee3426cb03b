// Error pages (404 for unknown pages and ids, 400 for a bad page link, 500) for every page handler.
import type { Context } from 'hono';
import type { PageDeps } from '../shared/context.js';
import { sendHtml } from '../shared/html.js';
import { ErrorPage } from './view.js';

export function errorPage(
  c: Context,
  deps: PageDeps,
  status: 400 | 403 | 404 | 500 | 503,
  title: string,
  message: string,
): Promise<Response> {
  const page = (
    <ErrorPage status={status} title={title} message={message} assets={deps.assets.urls} />
  );
  return sendHtml(c, page, status);
}
