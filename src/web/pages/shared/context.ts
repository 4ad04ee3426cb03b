// What every page handler needs, built once by createPages.
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/index.js';
import type { Assets } from './assets.js';

export interface PageDeps {
  db: Kysely<Database>;
  /** The clock, as an ISO instant. */
  now: () => string;
  /** Display names by slug (e.g. from config); the store's names are used when absent. */
  vendorName?: (slug: string) => string | undefined;
  assets: Assets;
  /** A vendor's active interval (config polling.activeInterval); the default when absent. */
  activeIntervalFor?: (slug: string) => number;
}
