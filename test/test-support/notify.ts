// Notifications wired like `vendorwatch worker` does, on a SQLite file, for tests: record events
// through the real poll path (diff → router → commitCycle) and dispatch them to loopback
// receivers through the guarded poster.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Board } from '../../src/domain/board.js';
import type { VendorEvent } from '../../src/domain/model.js';
import type { VendorSnapshot } from '../../src/domain/snapshot.js';
import { createRouteEvent, createSendIo, storeOutboxPort } from '../../src/app/notifier.js';
import {
  createDispatcher,
  type Dispatcher,
  type DispatcherOptions,
} from '../../src/notify/dispatcher.js';
import type { NotifyLog } from '../../src/notify/target-drain.js';
import type { Channel, NotifyTarget, TargetType } from '../../src/notify/types.js';
import { addVendors, poll } from '../../src/store/test-support/harness.js';
import { migrateToLatest, openStore, syncVendors, type Store } from '../../src/store/index.js';
import type { Vendor } from '../../src/domain/model.js';
import type { Fetcher } from '../../src/fetch/types.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { startNotifier } from '../../src/app/notifier.js';
import type { NotificationTargetConfig } from '../../src/config/schema.js';
import { startScheduler } from '../../src/poll/scheduler.js';
import { pollDeps } from './poller.js';

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
  channelFor?: (type: TargetType) => Channel;
  owner?: string;
  loop?: boolean;
}

export interface NotifyHarness {
  path: string;
  store: Store;
  /** One poll of vendor `balena` through diff → router → commitCycle. */
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
    async dispatcher(options = {}, { log, owner = 'test', loop = true, channelFor } = {}) {
      const own = await openStore(path);
      const io = createSendIo(loopbackNetwork);
      const dispatcher = createDispatcher({
        port: storeOutboxPort(own.db),
        targets,
        io,
        owner,
        options: { ...fastOptions, ...options },
        ...(log ? { log } : {}),
        ...(channelFor ? { channelFor } : {}),
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

/** A pino logger writing JSON lines into memory, to check what logs would carry. */
export function capturedLogger(): { logger: Logger; text(): string } {
  const chunks: string[] = [];
  const logger = createLogger('debug', {
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WritableStream);
  return { logger, text: () => chunks.join('') };
}

export interface NotifyingPoller {
  events: VendorEvent[];
  stop(): Promise<void>;
}

/** A poller and the notifier on one store, wired as startService does, with test options. */
export async function startNotifyingPoller(
  store: Store,
  fetcher: Fetcher,
  vendors: Vendor[],
  notifications: NotificationTargetConfig[],
  options: Partial<DispatcherOptions>,
  logger: Logger,
  boards: readonly Board[] = [],
): Promise<NotifyingPoller> {
  await syncVendors(store.db, vendors, 'config', new Date().toISOString());
  const owner = 'local';
  const notifier = await startNotifier(
    { notifications, boards, ...loopbackNetwork, server: { host: '127.0.0.1', port: 3000 } },
    store.db,
    owner,
    logger,
    { ...fastOptions, ...options },
  );
  const events: VendorEvent[] = [];
  const scheduler = startScheduler({
    db: store.db,
    owner,
    concurrency: 8,
    leaseSeconds: 30,
    tickMs: 50,
    pollDeps: pollDeps(store, fetcher, {
      leaseOwner: owner,
      routeEvent: notifier.routeEvent,
      onEvents: (recorded) => {
        events.push(...recorded);
        notifier.dispatcher.wake();
      },
    }),
  });
  return {
    events,
    async stop() {
      await scheduler.stop();
      await notifier.stop();
    },
  };
}
