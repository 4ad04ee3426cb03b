// Most polls change nothing but the vendor's poll state. Written one by one, each such UPDATE is a
// transaction of its own (on SQLite a WAL append of every page it touches, on PostgreSQL a commit
// flush); gathered for a few milliseconds, many share one transaction and mostly the same pages.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** One poll's bookkeeping: runs inside the batch's transaction, returns the rows it updated. */
export type BookkeepingWrite = (trx: Kysely<Database>) => Promise<number>;

/** How long the first write of a batch waits for company. */
const gatherMs = 4;
/** A batch this large is written at once. */
const maxBatch = 64;

interface Pending {
  write: BookkeepingWrite;
  resolve: (updated: number) => void;
  reject: (error: unknown) => void;
}

class BookkeepingBatch {
  #pending: Pending[] = [];
  #timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  add(write: BookkeepingWrite): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ write, resolve, reject });
      if (this.#pending.length >= maxBatch) this.#flush();
      else this.#timer ??= setTimeout(() => this.#flush(), gatherMs);
    });
  }

  #flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length > 0) void this.#write(batch);
  }

  async #write(batch: Pending[]): Promise<void> {
    const updated: number[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const { write } of batch) updated.push(await write(trx));
      });
    } catch (error) {
      // One failed statement must not sink the others: they are retried one by one.
      if (batch.length > 1) {
        await Promise.all(batch.map((entry) => this.#write([entry])));
        return;
      }
      batch[0]!.reject(error);
      return;
    }
    batch.forEach((entry, index) => entry.resolve(updated[index]!));
  }
}

const batches = new WeakMap<Kysely<Database>, BookkeepingBatch>();

/** Runs `write` in a transaction shared with the other bookkeeping writes of the moment. */
export function batchBookkeeping(db: Kysely<Database>, write: BookkeepingWrite): Promise<number> {
  let batch = batches.get(db);
  if (!batch) {
    batch = new BookkeepingBatch(db);
    batches.set(db, batch);
  }
  return batch.add(write);
}
