// The worker lease on a SQLite file with fake timers: once heartbeats stop succeeding, the worker
// fences itself (aborts what runs under its leases) by the end of its lease, even when the fence
// timer fires early by the wall clock, as it does when armed while the event loop's clock lagged.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.js';
import { migrateToLatest, openStore } from '../store/index.js';
import { startWorkerLease } from './worker-lease.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('worker lease', () => {
  it('fences itself when heartbeats fail, though the fence timer fires early', async () => {
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'vw-lease-')), 'vw.db'));
    await migrateToLatest(store);
    const output = new PassThrough();
    const lines: string[] = [];
    output.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const lease = await startWorkerLease({
      db: store.db,
      requestedId: 'w1',
      logger: createLogger('info', output),
      now: () => new Date(),
    });
    expect(lease.valid()).toBe(true);
    const signal = lease.signal();
    // From now on every heartbeat fails: the database is gone.
    await store.close();
    // The wall clock falls 50 ms behind the timers' clock: the fence timer fires 50 ms early.
    vi.setSystemTime(Date.now() - 50);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lease.valid()).toBe(false);
    expect(signal.aborted).toBe(true);
    expect(lines.join('')).toContain('polling and delivering stop until the database answers');
    await lease.stop().catch(() => {});
  });
});
