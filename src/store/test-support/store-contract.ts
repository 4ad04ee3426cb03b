// The store contract, written once and run on every database the store supports
// (sqlite.test.ts always, postgres.test.ts when VENDORWATCH_TEST_POSTGRES_URL is set).
import { registerCycleContract } from './cycle.contract.js';
import type { StoreHarness } from './harness.js';
import { registerLeaseContract } from './lease.contract.js';
import { registerNotifyContract } from './notify.contract.js';
import { registerOutboxContract } from './outbox.contract.js';
import { registerPersistenceContract } from './persistence.contract.js';
import { registerPlanContract } from './plans.contract.js';
import { registerPollInstantsContract } from './poll-instants.contract.js';
import { registerQueryContract } from './queries.contract.js';
import { registerSearchContract } from './search.contract.js';
import { registerVendorContract } from './vendors.contract.js';
import { registerWorkersContract } from './workers.contract.js';

export type { StoreHarness } from './harness.js';

export function registerStoreContract(harness: StoreHarness): void {
  registerCycleContract(harness);
  registerLeaseContract(harness);
  registerPersistenceContract(harness);
  registerQueryContract(harness);
  registerSearchContract(harness);
  registerPlanContract(harness);
  registerVendorContract(harness);
  registerPollInstantsContract(harness);
  registerOutboxContract(harness);
  registerNotifyContract(harness);
  registerWorkersContract(harness);
}
