// The shared adapter contract, run for every registered adapter on the bodies its folder names
// in test-support/contract-fixtures.ts: a platform added without them fails here.
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { adapters } from './registry.js';
import { describeAdapterContract, type ContractFixtures } from './test-support/adapter-contract.js';

async function contractFixturesOf(platform: string): Promise<ContractFixtures | null> {
  const file = new URL(`./${platform}/test-support/contract-fixtures.ts`, import.meta.url);
  if (!existsSync(file)) return null;
  const module = (await import(file.href)) as { contractFixtures?: ContractFixtures };
  return module.contractFixtures ?? null;
}

for (const adapter of adapters) {
  const fixtures = await contractFixturesOf(adapter.platform);
  if (fixtures) {
    describeAdapterContract(adapter, fixtures);
  } else {
    describe(`${adapter.platform} adapter contract`, () => {
      it('names its contract fixtures', () => {
        throw new Error(
          `src/adapters/${adapter.platform}/test-support/contract-fixtures.ts must export contractFixtures`,
        );
      });
    });
  }
}
