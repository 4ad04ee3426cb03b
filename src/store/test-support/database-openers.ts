// Store openers for the tests that run one suite on every database kind: SQLite files in one
// temporary folder, PostgreSQL databases created per test and dropped when the file is done.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createTestDatabase, type TestDatabaseKind } from '../../../test/test-support/databases.js';
import { storeOpener } from './harness.js';

/** Call at a test file's top level: registers the clean-up of everything the openers create. */
export function databaseOpeners(
  name: string,
): (kind: TestDatabaseKind) => ReturnType<typeof storeOpener> {
  const dir = mkdtempSync(join(tmpdir(), `vw-${name}-`));
  let counter = 0;
  const dropped: Array<() => Promise<void>> = [];
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all(dropped.map((drop) => drop()));
  });
  return (kind) =>
    storeOpener({
      dialect: kind,
      freshDatabase: async () => {
        if (kind === 'sqlite') return join(dir, `db-${++counter}`, 'vendorwatch.db');
        const database = await createTestDatabase(kind);
        dropped.push(() => database.drop());
        return database.url;
      },
    });
}
