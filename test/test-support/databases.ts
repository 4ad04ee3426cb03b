// The databases an end-to-end test runs on: a SQLite file always, and PostgreSQL when
// VENDORWATCH_TEST_POSTGRES_URL names a server (CI sets it). Each call gets a fresh database.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export type TestDatabaseKind = 'sqlite' | 'postgres';

export const postgresAdminUrl = process.env.VENDORWATCH_TEST_POSTGRES_URL;

export const databaseKinds: TestDatabaseKind[] = postgresAdminUrl
  ? ['sqlite', 'postgres']
  : ['sqlite'];

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'vw-e2e-'));
    return { url: join(dir, 'vendorwatch.db'), drop: async () => {} };
  }
  if (!postgresAdminUrl) throw new Error('VENDORWATCH_TEST_POSTGRES_URL is not set');
  const name = `vw_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: postgresAdminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
