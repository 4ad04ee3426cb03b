// Most polls change nothing but the vendor's poll state. Written one by one, each such UPDATE is a
// transaction of its own (on SQLite a WAL append of every page it touches, on PostgreSQL a commit
// flush); gathered for a few milliseconds, many share one transaction and mostly the same pages.
// The batch holds no timer: its owner (the poll scheduler) flushes it bookkeepingGatherMs after
// each batch starts. A worker writes one batch at a time: what gathers while one is written goes
// in the next, so batches grow under load instead of transactions overlapping (with three workers
// on one PostgreSQL, overlapping batches made each UPDATE cost it about twice as much).
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** One poll's bookkeeping: runs inside the batch's transaction, returns the rows it updated. */
export type BookkeepingWrite = (trx: Kysely<Database>) => Promise<number>;

/** How long the first write of a batch waits for company. */
export const bookkeepingGatherMs = 4;
/** A batch this large is written at once. */
const maxBatch = 64;

export interface BookkeepingBatch {
  /** Queues a write for the batch's shared transaction; resolves with the rows it updated. */
  add(write: BookkeepingWrite): Promise<number>;
  /** Writes what is queued now, or as soon as the batch being written is (the owner's timer, or a stop). */
  flush(): void;
}

interface Pending {
  write: BookkeepingWrite;
  resolve: (updated: number) => void;
  reject: (error: unknown) => void;
}

/** `onBatchStarted`: the first write of a new batch was queued; flush it in a moment. */
export function createBookkeepingBatch(
  db: Kysely<Database>,
  onBatchStarted: () => void,
): BookkeepingBatch {
  let pending: Pending[] = [];

  async function write(batch: Pending[]): Promise<void> {
    const updated: number[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const entry of batch) updated.push(await entry.write(trx));
      });
    } catch (error) {
      // One failed statement must not sink the others: they are retried one by one.
      if (batch.length > 1) {
        await Promise.all(batch.map((entry) => write([entry])));
        return;
      }
      batch[0]!.reject(error);
      return;
    }
    batch.forEach((entry, index) => entry.resolve(updated[index]!));
  }

  /** The batch being written: one at a time, so what gathers meanwhile goes in the next. */
  let writing: Promise<void> | null = null;

  function flush(): void {
    if (writing || pending.length === 0) return;
    const batch = pending;
    pending = [];
    writing = write(batch).finally(() => {
      writing = null;
      flush();
    });
  }

  return {
    add(write) {
      return new Promise((resolve, reject) => {
        pending.push({ write, resolve, reject });
        if (pending.length >= maxBatch) flush();
        else if (pending.length === 1) onBatchStarted();
      });
    },
    flush,
  };
}
