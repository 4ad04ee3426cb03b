// Migrations live in code (no directory scanning), so a bundled or installed build finds them.
// Names are sortable timestamps; the migrator runs each pending one in its own transaction.
import {
  Migrator,
  sql,
  type Migration,
  type MigrationProvider,
  type MigrationResult,
  type MigrationResultSet,
} from 'kysely';
import type { Store } from '../db.js';
import * as initial from './2026_11_26_0001_initial.js';
import * as notify from './2026_11_27_0001_notify.js';
import * as apiTargets from './2026_11_28_0001_api_targets.js';
import * as failureReach from './2026_11_28_0002_failure_reach.js';
import * as incidentSearch from './2026_12_04_0001_incident_search.js';
import * as firstSuccess from './2026_12_04_0002_first_success.js';
import * as incidentRegions from './2026_12_04_0006_incident_regions.js';
import * as vendorWarnings from './2026_12_04_0007_vendor_warnings.js';
import * as incidentKindIndexes from './2026_12_04_0010_incident_kind_indexes.js';
import * as outages from './2026_12_04_0011_outages.js';
import * as incidentFlags from './2026_12_04_0012_incident_flags.js';
import * as accounts from './2026_12_04_0013_accounts.js';
import * as workers from './2026_12_04_0014_workers.js';
import * as watchList from './2026_12_05_0016_watch_list.js';
import * as targetPause from './2026_12_05_0017_target_pause.js';
import * as probes from './2026_12_05_0018_probes.js';
import * as pushIngest from './2026_12_05_0019_push_ingest.js';
import * as vendorProbes from './2026_12_05_0020_vendor_probes.js';

const migrations: Record<string, Migration> = {
  '2026_11_26_0001_initial': initial,
  '2026_11_27_0001_notify': notify,
  '2026_11_28_0001_api_targets': apiTargets,
  '2026_11_28_0002_failure_reach': failureReach,
  '2026_12_04_0001_incident_search': incidentSearch,
  '2026_12_04_0002_first_success': firstSuccess,
  '2026_12_04_0006_incident_regions': incidentRegions,
  '2026_12_04_0007_vendor_warnings': vendorWarnings,
  '2026_12_04_0010_incident_kind_indexes': incidentKindIndexes,
  '2026_12_04_0011_outages': outages,
  '2026_12_04_0012_incident_flags': incidentFlags,
  '2026_12_04_0013_accounts': accounts,
  '2026_12_04_0014_workers': workers,
  '2026_12_05_0016_watch_list': watchList,
  '2026_12_05_0017_target_pause': targetPause,
  '2026_12_05_0018_probes': probes,
  '2026_12_05_0019_push_ingest': pushIngest,
  '2026_12_05_0020_vendor_probes': vendorProbes,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** Brings the schema to the latest version; a no-op when it is there already. */
export async function migrateToLatest(store: Store): Promise<MigrationResult[]> {
  return migrate(store, (migrator) => migrator.migrateToLatest());
}

/** Brings the schema up or down to one named migration (upgrade tests start from an old one). */
export async function migrateTo(store: Store, name: string): Promise<MigrationResult[]> {
  if (!(name in migrations)) throw new Error(`no migration named ${name}`);
  return migrate(store, (migrator) => migrator.migrateTo(name));
}

async function migrate(
  store: Store,
  run: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db: store.db,
    provider,
    // Work on parallel branches takes migration numbers when it starts, so a store may have run a
    // later-numbered migration before an earlier-numbered one lands; each stands on its own.
    allowUnorderedMigrations: true,
    migrationTableSchema: store.dialect === 'postgres' ? await currentSchema(store) : undefined,
  });
  const { error, results = [] } = await run(migrator);
  if (error) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    const where = failed ? ` in ${failed}` : '';
    throw new Error(
      `database migration failed${where}: ${String((error as Error).message ?? error)}`,
      {
        cause: error,
      },
    );
  }
  return results;
}

/**
 * PostgreSQL: the migration history lives in the schema our tables go to (the first of the
 * search_path), so several vendorwatch schemas can share one database without mixing histories.
 */
async function currentSchema(store: Store): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    store.db,
  );
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('the PostgreSQL search_path names no schema that exists');
  return schema;
}
