// The contract suite every registered adapter runs (contract.test.ts): parses every fixture, is
// deterministic, never throws on mutated input, and only ever produces the domain vocabulary.
import { describe, expect, it } from 'vitest';
import type { PlatformAdapter } from '../types.js';
import { mutateBodies, seededRandom } from './mutate.js';
import { snapshotViolations } from './snapshot-invariants.js';

export interface ContractOptions {
  /** The configured page URL handed to parse; a neutral test host by default. */
  statusPageUrl?: string;
  mutationsPerFixture?: number;
  seed?: number;
}

/** Fixture name → bodies keyed by endpoint key, as the fetcher would hand them over. */
export type ContractFixtures = Readonly<Record<string, Readonly<Record<string, string>>>>;

export function describeAdapterContract(
  adapter: PlatformAdapter,
  fixtures: ContractFixtures,
  options: ContractOptions = {},
): void {
  const context = { statusPageUrl: options.statusPageUrl ?? 'https://status.example.test' };
  const mutations = options.mutationsPerFixture ?? 200;
  const seed = options.seed ?? 20240131;

  describe(`${adapter.platform} adapter contract`, () => {
    it('names endpoints with unique keys and http(s) URLs, at least one required', () => {
      const endpoints = adapter.endpoints('https://status.example.test/');
      expect(endpoints.some((e) => e.required)).toBe(true);
      expect(new Set(endpoints.map((e) => e.key)).size).toBe(endpoints.length);
      for (const endpoint of endpoints)
        expect(endpoint.url).toMatch(/^https?:\/\/status\.example\.test\//);
    });

    it('has fixtures, each keyed by the adapter’s endpoint keys', () => {
      const keys = new Set(adapter.endpoints('https://status.example.test').map((e) => e.key));
      expect(Object.keys(fixtures).length).toBeGreaterThan(0);
      for (const bodies of Object.values(fixtures)) {
        for (const key of Object.keys(bodies))
          expect(keys.has(key), `endpoint key ${key}`).toBe(true);
      }
    });

    for (const [name, bodies] of Object.entries(fixtures)) {
      describe(name, () => {
        it('parses to a snapshot that keeps every invariant', () => {
          const result = adapter.parse(bodies, context);
          if (!result.ok) throw new Error(`parse failed: ${result.error}`);
          expect(result.snapshot.platform).toBe(adapter.platform);
          expect(snapshotViolations(result.snapshot)).toEqual([]);
        });

        it('is deterministic: the same bodies give a deep-equal snapshot', () => {
          expect(adapter.parse({ ...bodies }, context)).toEqual(
            adapter.parse({ ...bodies }, context),
          );
        });

        it(`never throws and keeps the invariants on ${mutations} seeded mutations`, () => {
          const random = seededRandom(seed + hash(name));
          expect(mutationFailures(adapter, bodies, context, { count: mutations, random })).toEqual(
            [],
          );
          expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        });
      });
    }
  });
}

/** Runs seeded mutations through `parse`; returns the first few failures, described. */
export function mutationFailures(
  adapter: PlatformAdapter,
  bodies: Readonly<Record<string, string>>,
  context: { statusPageUrl: string },
  run: { count: number; random: () => number },
): string[] {
  const failures: string[] = [];
  for (let i = 0; i < run.count && failures.length < 5; i += 1) {
    const mutation = mutateBodies(bodies, run.random);
    const problem = contractProblem(adapter, mutation.bodies, context);
    if (problem !== null) failures.push(`#${i} (${mutation.description}): ${problem}`);
  }
  return failures;
}

function contractProblem(
  adapter: PlatformAdapter,
  bodies: Readonly<Record<string, string>>,
  context: { statusPageUrl: string },
): string | null {
  try {
    const result = adapter.parse(bodies, context);
    if (!result.ok)
      return typeof result.error === 'string' && result.error !== '' ? null : 'empty error';
    const violations = snapshotViolations(result.snapshot);
    return violations.length === 0 ? null : violations.slice(0, 3).join(' | ');
  } catch (error) {
    return `threw ${error instanceof Error ? error.message : String(error)}`;
  }
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i += 1) h = (Math.imul(h, 31) + text.charCodeAt(i)) >>> 0;
  return h;
}
