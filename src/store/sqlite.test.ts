// The store contract on SQLite files in a fresh temp dir, plus what only SQLite has: the file
// itself (foreign files refused, untouched), pragmas, and two connections writing at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { registerStoreContract } from './test-support/store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'vw-store-'));
let counter = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

registerStoreContract({
  dialect: 'sqlite',
  freshDatabase: () => Promise.resolve(join(dir, `db-${++counter}`, 'vendorwatch.db')),
});
