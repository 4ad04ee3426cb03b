// The one db factory: a URL picks PostgreSQL, anything else is a SQLite file. Dialect quirks the
// rest of the store must know about are declared here and nowhere else.
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  sql,
  type ColumnDataType,
  type ColumnDefinitionBuilder,
  type Expression,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

interface StoreOptions {
  /**
   * SQLite only. NORMAL (default): a committed transaction survives a process crash or kill -9,
   * but a power loss or OS crash may roll back the last few. FULL: also survives power loss,
   * at the cost of an fsync per commit.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** SQLite: how long a writer waits for another connection's write lock. */
  busyTimeoutMs?: number;
  /** PostgreSQL: pool size. */
  maxConnections?: number;
  /** PostgreSQL: errors of idle pooled connections (the next query reports its own error). */
  onPoolError?: (error: Error) => void;
}

const defaultBusyTimeoutMs = 5000;
const defaultMaxConnections = 10;
const sqliteHeader = 'SQLite format 3\u0000';
/** PostgreSQL type ids of bigint and count(*): parsed as numbers (every counter stays < 2^53). */
const int8Oid = 20;

export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  return /^postgres(ql)?:\/\//i.test(url) ? openPostgres(url, options) : openSqlite(url, options);
}

/** The dialect behind a Kysely instance (a root instance or one of its transactions). */
export function dialectOf<DB>(db: Kysely<DB>): DialectName {
  // The adapter is the only trace of the dialect a transaction carries.
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column types whose spelling differs between the dialects; migrations use only these. */
interface DialectQuirks {
  /** A 64-bit auto-incrementing primary key (SQLite's INTEGER PRIMARY KEY is 64-bit already). */
  serialType: ColumnDataType;
  serialConstraints: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
  /**
   * Text compared byte by byte: ids and ISO timestamps sort the same in both databases,
   * whatever collation a PostgreSQL database was created with.
   */
  sortableText: ColumnDataType | Expression<unknown>;
}

export function dialectQuirks(dialect: DialectName): DialectQuirks {
  return dialect === 'postgres'
    ? {
        serialType: 'bigserial',
        serialConstraints: (column) => column.primaryKey(),
        sortableText: sql`text collate "C"`,
      }
    : {
        serialType: 'integer',
        serialConstraints: (column) => column.primaryKey().autoIncrement(),
        sortableText: 'text',
      };
}

/** For /readyz: throws when the store cannot answer a trivial query. */
export async function checkReady(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

async function openPostgres(url: string, options: StoreOptions): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? defaultMaxConnections,
    types: { getTypeParser: int8AsNumber },
    // A connection to a server behind a partition errors within a minute instead of hanging.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // A worker cut off mid-transaction leaves it open on the server, holding its row locks and the
    // event-log lock every other worker's commit waits for; the server ends it after 10 s (no
    // transaction of ours waits between statements that long).
    idle_in_transaction_session_timeout: 10_000,
  });
  const onError = options.onPoolError ?? (() => {});
  pool.on('error', onError);
  // A connection that drops while checked out (between a transaction's statements, or when a
  // partition heals) emits 'error' on its client, which the pool does not listen to then: without
  // this listener that would end the process. The statement in progress still gets the error.
  pool.on('connect', (client) => client.on('error', onError));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await checkReady(db);
  } catch (error) {
    await db.destroy();
    throw new Error(`cannot connect to ${redactUrl(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

const parseInt8 = (value: string): number => Number(value);

/** pg's own parsers for every type but bigint, which this pool reads as a number. */
const int8AsNumber = ((oid: number, format?: 'text' | 'binary') =>
  oid === int8Oid
    ? parseInt8
    : (pg.types.getTypeParser(oid, format ?? 'text') as unknown)) as typeof pg.types.getTypeParser;

function openSqlite(path: string, options: StoreOptions): Promise<Store> {
  const inMemory = path === ':memory:';
  if (!inMemory) {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    refuseForeignFile(path);
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? defaultBusyTimeoutMs;
  const database = new BetterSqlite3(path);
  try {
    database.pragma('journal_mode = WAL');
    database.pragma(`busy_timeout = ${busyTimeoutMs}`);
    database.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    database.pragma('foreign_keys = ON');
    refuseOtherApplications(path, database);
  } catch (error) {
    database.close();
    throw describeOpenError(path, error);
  }
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(database, busyTimeoutMs) });
  return Promise.resolve({ db, dialect: 'sqlite', close: () => db.destroy() });
}

/** A non-empty file that does not start with SQLite's header is someone else's: never touch it. */
function refuseForeignFile(path: string): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return; // a new database
  }
  if (size === 0) return;
  const header = Buffer.alloc(sqliteHeader.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== sqliteHeader) {
    throw new Error(`${path} is not a vendorwatch database (file is not a database)`);
  }
}

/** A SQLite database with tables but no migration history belongs to another application. */
function refuseOtherApplications(path: string, database: BetterSqlite3.Database): void {
  const tables = database
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
    .pluck()
    .all() as string[];
  if (tables.length > 0 && !tables.includes('kysely_migration')) {
    const names = tables.slice(0, 3).join(', ');
    throw new Error(`${path} is not a vendorwatch database (it holds other tables: ${names})`);
  }
}

function describeOpenError(path: string, error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB') {
    return new Error(`${path} is not a vendorwatch database (file is not a database)`, {
      cause: error,
    });
  }
  if (code === 'SQLITE_CORRUPT') {
    return new Error(`${path} is corrupted (${(error as Error).message})`, { cause: error });
  }
  return error instanceof Error && error.message.includes(path)
    ? error
    : new Error(`cannot open ${path}: ${(error as Error).message}`, { cause: error });
}

/** Connection URLs may carry a password; error messages must not. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the database URL';
  }
}
