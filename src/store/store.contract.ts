// The store contract, written once and run on every database the store supports
// (sqlite.test.ts always, postgres.test.ts when VENDORWATCH_TEST_POSTGRES_URL is set).
import { registerCycleContract } from './contract/cycle.contract.js';
import type { StoreHarness } from './contract/harness.js';
import { registerLeaseContract } from './contract/lease.contract.js';
import { registerNotifyContract } from './contract/notify.contract.js';
import { registerOutboxContract } from './contract/outbox.contract.js';
import { registerPersistenceContract } from './contract/persistence.contract.js';
import { registerPlanContract } from './contract/plans.contract.js';
import { registerQueryContract } from './contract/queries.contract.js';
import { registerVendorContract } from './contract/vendors.contract.js';

export type { StoreHarness } from './contract/harness.js';

export function registerStoreContract(harness: StoreHarness): void {
  registerCycleContract(harness);
  registerLeaseContract(harness);
  registerPersistenceContract(harness);
  registerQueryContract(harness);
  registerPlanContract(harness);
  registerVendorContract(harness);
  registerOutboxContract(harness);
  registerNotifyContract(harness);
}
