// What every page handler needs, built once by createApp.
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/index.js';
import { ErrorPage } from '../error/view.js';
import type { Assets } from './assets.js';
import { sendHtml } from './html.js';

export interface PageDeps {
  db: Kysely<Database>;
  /** The clock, as an ISO instant. */
  now: () => string;
  /** Display names by slug (e.g. from config); the store's names are used when absent. */
  vendorName?: (slug: string) => string | undefined;
  assets: Assets;
}

/** Longer path ids cannot exist (slugs are ≤ 63 characters, incident ids ≤ 190). */
export const maxPathIdLength = 256;

export function errorPage(
  c: Context,
  deps: PageDeps,
  status: 400 | 404 | 500 | 503,
  title: string,
  message: string,
): Promise<Response> {
  const page = (
    <ErrorPage status={status} title={title} message={message} assets={deps.assets.urls} />
  );
  return sendHtml(c, page, status);
}
