// Kysely's SQLite driver opens write transactions with a plain BEGIN, which takes the write lock
// only at the first write and then fails with SQLITE_BUSY instead of waiting. This driver opens
// them with BEGIN IMMEDIATE and waits for the lock asynchronously, so the event loop never stalls.
import type BetterSqlite3 from 'better-sqlite3';
import {
  SqliteAdapter,
  SqliteDialect,
  type CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/** Prepared statements kept per connection; list queries repeat a few shapes many times. */
const statementCacheSize = 256;
/** First and largest pause between attempts to take the write lock. */
const firstRetryMs = 1;
const maxRetryMs = 25;

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database;
  readonly #busyTimeoutMs: number;

  constructor(database: BetterSqlite3.Database, busyTimeoutMs: number) {
    super({ database });
    this.#database = database;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#database, this.#busyTimeoutMs);
  }

  /** SQLite's DDL is transactional, so the migrator may run each migration in a transaction. */
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDriver implements Driver {
  readonly #database: BetterSqlite3.Database;
  readonly #connection: CachingSqliteConnection;
  readonly #busyTimeoutMs: number;
  #lock: Promise<void> = Promise.resolve();

  constructor(database: BetterSqlite3.Database, busyTimeoutMs: number) {
    this.#database = database;
    this.#connection = new CachingSqliteConnection(database);
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  async init(): Promise<void> {}

  /** One connection per store: callers queue for it, as in Kysely's own SQLite driver. */
  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#lock;
    let release!: () => void;
    this.#lock = new Promise((resolve) => (release = resolve));
    await previous;
    this.#connection.release = release;
    return this.#connection;
  }

  async beginTransaction(_connection: DatabaseConnection, settings: TransactionSettings) {
    if (settings.accessMode === 'read only') {
      this.#database.exec('BEGIN');
      return;
    }
    await beginImmediate(this.#database, this.#busyTimeoutMs);
  }

  commitTransaction(): Promise<void> {
    this.#database.exec('COMMIT');
    return Promise.resolve();
  }

  rollbackTransaction(): Promise<void> {
    if (this.#database.inTransaction) this.#database.exec('ROLLBACK');
    return Promise.resolve();
  }

  releaseConnection(): Promise<void> {
    this.#connection.release?.();
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    if (this.#database.open) this.#database.close();
    return Promise.resolve();
  }
}

/**
 * Takes the write lock up front. Another connection holding it makes BEGIN IMMEDIATE fail at once
 * (busy_timeout is 0 for this statement only); we then pause without blocking and try again.
 */
async function beginImmediate(database: BetterSqlite3.Database, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pause = firstRetryMs;
  database.pragma('busy_timeout = 0');
  try {
    for (;;) {
      try {
        database.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
      pause = Math.min(pause * 2, maxRetryMs);
    }
  } finally {
    database.pragma(`busy_timeout = ${timeoutMs}`);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

class CachingSqliteConnection implements DatabaseConnection {
  readonly #database: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  release: (() => void) | undefined;

  constructor(database: BetterSqlite3.Database) {
    this.#database = database;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepare(compiledQuery.sql);
    const parameters = compiledQuery.parameters as unknown[];
    if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
    const { changes, lastInsertRowid } = statement.run(parameters);
    return Promise.resolve({
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
      rows: [],
    });
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the vendorwatch SQLite driver');
  }

  #prepare(sqlText: string): BetterSqlite3.Statement {
    const cached = this.#statements.get(sqlText);
    if (cached) {
      // Re-insert to keep the map in least-recently-used order.
      this.#statements.delete(sqlText);
      this.#statements.set(sqlText, cached);
      return cached;
    }
    const statement = this.#database.prepare(sqlText);
    this.#statements.set(sqlText, statement);
    if (this.#statements.size > statementCacheSize) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return statement;
  }
}
