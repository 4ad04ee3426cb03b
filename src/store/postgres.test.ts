// The store contract on PostgreSQL. Runs when VENDORWATCH_TEST_POSTGRES_URL names a server
// (e.g. postgres://postgres@127.0.0.1:5432/postgres). The run creates a database of its own,
// vw_test_<random>, gives every test a fresh schema in it, and drops the database at the end.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { registerStoreContract } from './test-support/store-contract.js';

const adminUrl = process.env.VENDORWATCH_TEST_POSTGRES_URL;

if (!adminUrl) {
  console.warn(
    'postgres.test.ts: skipped: set VENDORWATCH_TEST_POSTGRES_URL ' +
      '(e.g. postgres://postgres@127.0.0.1:5432/postgres) to run the store contract on PostgreSQL',
  );
  describe.skip('store contract on PostgreSQL (VENDORWATCH_TEST_POSTGRES_URL is not set)', () => {
    it('runs the store contract', () => {});
  });
} else {
  const admin = new pg.Pool({ connectionString: adminUrl, max: 1 });
  const database = `vw_test_${randomBytes(6).toString('hex')}`;
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${database}`;
  let setup: Promise<pg.Pool> | undefined;
  let schemas = 0;

  /** Created on first use; a pool inside it creates the per-test schemas. */
  function testDatabase(): Promise<pg.Pool> {
    setup ??= admin.query(`create database ${database}`).then(() => {
      const pool = new pg.Pool({ connectionString: databaseUrl.toString(), max: 1 });
      // DROP DATABASE ... WITH (FORCE) may reach a connection still closing: not a failure.
      pool.on('error', () => {});
      return pool;
    });
    return setup;
  }

  afterAll(async () => {
    if (setup) await (await setup).end();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  });

  registerStoreContract({
    dialect: 'postgres',
    async freshDatabase() {
      const schema = `t${++schemas}`;
      await (await testDatabase()).query(`create schema ${schema}`);
      const url = new URL(databaseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return url.toString();
    },
  });
}
