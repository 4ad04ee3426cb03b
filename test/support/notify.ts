// Notifications wired like `vendorwatch worker` does, on a SQLite file, for tests: record events
// through the real poll path (diff → commitCycle with the router) and dispatch them to loopback
// receivers through the guarded poster.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VendorEvent } from '../../src/domain/model.js';
import type { VendorSnapshot } from '../../src/domain/snapshot.js';
import { createRouteEvent, createSendIo, storeOutboxPort } from '../../src/notifier.js';
import {
  createDispatcher,
  type Dispatcher,
  type DispatcherOptions,
} from '../../src/notify/dispatcher.js';
import type { NotifyLog } from '../../src/notify/target-drain.js';
import type { NotifyTarget } from '../../src/notify/types.js';
import { addVendors, poll } from '../../src/store/contract/harness.js';
import { migrateToLatest, openStore, type Store } from '../../src/store/index.js';

/** Fast retries and no spacing, so fault tests take seconds. */
export const fastOptions: Partial<DispatcherOptions> = {
  timeoutMs: 1000,
  burstWindowMs: 0,
  reminderLeadSeconds: null,
  tickMs: 50,
  minIntervalMs: 0,
  publicUrl: 'http://127.0.0.1:3000',
  policy: {
    retryBaseMs: 100,
    retryCapMs: 400,
    maxRetryAfterMs: 5_000,
    quarantineAfterFailures: 1000,
    quarantineAfterMs: 3600_000,
    quarantineProbeMs: 3600_000,
    maxAgeMs: 86_400_000,
  },
};

export const loopbackNetwork = {
  network: { allowPrivateAddresses: false, allowedPrivateRanges: ['127.0.0.0/8'] },
};

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: object;
  message: string;
}

export function memoryLog(): NotifyLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
    error: (fields, message) => lines.push({ level: 'error', fields, message }),
  };
}

export interface DispatcherExtras {
  log?: NotifyLog;
  owner?: string;
  loop?: boolean;
}

export interface NotifyHarness {
  path: string;
  store: Store;
  /** One poll of vendor `balena` through diff → commitCycle, routed to the targets. */
  record(next: VendorSnapshot, now?: string): Promise<VendorEvent[]>;
  /** A dispatcher on a connection of its own; `loop: false` leaves it to runOnce(). */
  dispatcher(options?: Partial<DispatcherOptions>, extra?: DispatcherExtras): Promise<Dispatcher>;
  close(): Promise<void>;
}

export async function notifyHarness(
  targets: readonly NotifyTarget[],
  routing: { reminderLeadSeconds: number | null } = { reminderLeadSeconds: null },
): Promise<NotifyHarness> {
  const path = join(mkdtempSync(join(tmpdir(), 'vw-notify-')), 'vendorwatch.db');
  const store = await openStore(path);
  await migrateToLatest(store);
  await addVendors(store, ['balena']);
  const routeEvent = createRouteEvent(targets, routing);
  const started: Array<{ dispatcher: Dispatcher; close(): Promise<void> }> = [];
  return {
    path,
    store,
    record: (next, now = new Date().toISOString()) => poll(store, 'balena', next, now, routeEvent),
    async dispatcher(options = {}, { log, owner = 'test', loop = true } = {}) {
      const own = await openStore(path);
      const io = createSendIo(loopbackNetwork);
      const dispatcher = createDispatcher({
        port: storeOutboxPort(own.db),
        targets,
        io,
        owner,
        options: { ...fastOptions, ...options },
        ...(log ? { log } : {}),
      });
      await (loop ? dispatcher.start() : dispatcher.prepare());
      let closed = false;
      started.push({
        dispatcher,
        async close() {
          if (closed) return;
          closed = true;
          await dispatcher.stop();
          await io.poster.close();
          await own.close();
        },
      });
      return dispatcher;
    },
    async close() {
      for (const entry of started.splice(0)) await entry.close();
      await store.close();
    },
  };
}
