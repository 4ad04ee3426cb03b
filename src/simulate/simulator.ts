// startSimulator: a fleet of fake Statuspage pages on loopback, driven by a seeded script or a
// recorded timeline. Options map 1:1 to `vendorwatch simulate` flags (--vendors, --port, --host,
// --address-per-vendor, --timeline, --seed, --tick-ms, --incident-rate, --platforms).
import { createServer } from 'node:http';
import { Fleet } from './fleet.js';
import { createRequestHandler } from './http-handler.js';
import { Inbox, type InboxRecord } from './inbox.js';
import { createPusher, type PushRecord } from './pusher.js';
import {
  checkAddressCapacity,
  closeNetServers,
  listenHttp,
  listenPerVendor,
  vendorAddress,
  vendorIndexOfAddress,
} from './listeners.js';
import { TimelineReplay, timelineVendors } from './replay.js';
import { ScriptedDriver } from './scripted.js';
import { generateScriptedVendor } from './scripted-vendors.js';
import type { Timeline } from './timeline-schema.js';
import type { VisibilityRecord } from '../adapters/sim-kit/types.js';
import { platformOf, simPlatforms, type SimPlatform } from './platforms.js';

interface SimulatorOptions {
  /** Scripted: how many vendors (default 20). Timeline: repeat its vendors up to this many. */
  vendors?: number;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Each vendor on its own loopback address 127.0.x.y (same port), as real vendors are hosts. */
  addressPerVendor?: boolean;
  timeline?: Timeline;
  seed?: number;
  tickMs?: number;
  /** Scripted: chance per vendor per tick that an incident opens (default 0.002). */
  incidentRate?: number;
  /** Scripted: formats assigned round-robin (vendor i gets platforms[i % n]); default statuspage. */
  platforms?: string[];
  /**
   * Timeline: serve the baseline (step 0) this long before the first change, so a poller started
   * meanwhile sees every change as new (the offline demo's notifications need that).
   */
  startDelayMs?: number;
  /**
   * Timeline: serve the baseline until startReplay() is called, so a test starts the changes
   * once its poller has read every vendor's baseline (then every change is seen as new).
   */
  holdReplay?: boolean;
  /** Called for each webhook delivery POSTed to /_sim/inbox. */
  onDelivery?: (record: InboxRecord) => void;
  /**
   * Vendors that push: the ingest URL (POST /ingest/{slug}/{token}) each vendor sends a
   * Statuspage-style webhook to whenever it changes; undefined for a vendor that does not push.
   */
  pushTo?: (slug: string) => string | undefined;
}

export interface SimulatedVendor {
  slug: string;
  name: string;
  platform: SimPlatform;
  /** Append `/api/v2/summary.json` and the like. */
  baseUrl: string;
}

export interface Simulator {
  vendors: SimulatedVendor[];
  port: number;
  /** `/_sim/vendors`, `/_sim/visibility?since=N` and the webhook inbox `/_sim/inbox` live here. */
  controlUrl: string;
  visibility(): VisibilityRecord[];
  /** The webhook deliveries received at /_sim/inbox, oldest first. */
  inbox(): InboxRecord[];
  /** With holdReplay: starts the timeline's changes now (once; later calls do nothing). */
  startReplay(): void;
  /** The webhooks pushed to ingest URLs (pushTo), oldest first. */
  pushes(): PushRecord[];
  close(): Promise<void>;
}

/** Keep-alive long enough for a poll's three requests, short enough to bound open sockets. */
const keepAliveMs = 5_000;
const portRetries = 5;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const tickMs = options.tickMs ?? 1000;
  const incidentRate = options.incidentRate ?? 0.002;
  const seed = options.seed ?? 1;
  checkOptions(options, tickMs, incidentRate, seed);
  const now = Date.now();
  const replayVendors = options.timeline
    ? timelineVendors(options.timeline, options.vendors, now)
    : null;
  const scripted = replayVendors
    ? []
    : Array.from({ length: options.vendors ?? 20 }, (_, i) => {
        const vendor = generateScriptedVendor(i, seed, now);
        const platform = options.platforms?.[i % options.platforms.length];
        if (platform) vendor.identity.platform = platform;
        return vendor;
      });
  const pushTo = options.pushTo;
  const pusher = pushTo ? createPusher(pushTo) : null;
  const fleet = new Fleet(
    replayVendors?.map((v) => ({ identity: v.identity, state: v.initial })) ?? scripted,
    now,
    pusher
      ? (vendor, records) => pusher.changed(vendor.identity.slug, vendor.state, records)
      : undefined,
  );
  const count = fleet.vendors.length;
  if (options.addressPerVendor) checkAddressCapacity(count);

  const inbox = new Inbox(options.onDelivery);
  const server = createServer(
    { keepAliveTimeout: keepAliveMs },
    createRequestHandler(
      fleet,
      (address) => {
        const index = options.addressPerVendor ? vendorIndexOfAddress(address) : undefined;
        return index === undefined ? undefined : fleet.vendors[index];
      },
      inbox,
    ),
  );
  let port = options.port ?? 0;
  let vendorListeners: Awaited<ReturnType<typeof listenPerVendor>> = [];
  for (let attempt = 1; ; attempt += 1) {
    port = await listenHttp(server, host, options.port ?? 0);
    if (!options.addressPerVendor) break;
    try {
      vendorListeners = await listenPerVendor(server, count, port);
      break;
    } catch (error) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!inUse || options.port || attempt >= portRetries) throw error;
    }
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  for (const vendor of fleet.vendors) {
    vendor.baseUrl = options.addressPerVendor
      ? `http://${vendorAddress(vendor.index)}:${port}`
      : `http://${urlHost}:${port}/v/${encodeURIComponent(vendor.identity.slug)}`;
  }

  const startedAt = Date.now();
  let ticker: NodeJS.Timeout | undefined;
  let replay: TimelineReplay | undefined;
  let replayStarted = false;
  if (replayVendors) {
    replay = new TimelineReplay(fleet, replayVendors);
    if (!options.holdReplay) replay.start(startedAt + (options.startDelayMs ?? 0));
  } else {
    const driver = new ScriptedDriver(scripted, { incidentRate, tickMs });
    ticker = setInterval(() => {
      const at = Date.now();
      for (const index of driver.tick(at)) fleet.commit(index, at);
    }, tickMs);
  }

  return {
    vendors: fleet.vendors.map((v) => ({
      slug: v.identity.slug,
      name: v.identity.name,
      platform: platformOf(v.identity),
      baseUrl: v.baseUrl,
    })),
    port,
    controlUrl: `http://${urlHost}:${port}`,
    visibility: () => fleet.visibility.all(),
    inbox: () => inbox.all(),
    pushes: () => pusher?.sent() ?? [],
    startReplay: () => {
      if (!options.holdReplay || replayStarted || !replay) return;
      replayStarted = true;
      replay.start(Date.now());
    },
    close: async () => {
      clearInterval(ticker);
      replay?.stop();
      await pusher?.drain();
      await closeNetServers(vendorListeners);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function checkOptions(options: SimulatorOptions, tickMs: number, rate: number, seed: number): void {
  const problems: string[] = [];
  const { vendors, port } = options;
  if (vendors !== undefined && (!Number.isInteger(vendors) || vendors < 1 || vendors > 100_000)) {
    problems.push(`vendors must be an integer from 1 to 100000 (got ${vendors})`);
  }
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    problems.push(`port must be an integer from 0 to 65535 (got ${port})`);
  }
  if (!Number.isFinite(tickMs) || tickMs < 1) problems.push(`tickMs must be ≥ 1 (got ${tickMs})`);
  if (!(rate >= 0 && rate <= 1)) problems.push(`incidentRate must be in [0, 1] (got ${rate})`);
  const unknown = (options.platforms ?? []).filter((p) => !simPlatforms.includes(p));
  if (unknown.length > 0 || options.platforms?.length === 0) {
    problems.push(
      `platforms must be some of ${simPlatforms.join(', ')} (got ${options.platforms?.join(',')})`,
    );
  }
  if (!Number.isInteger(seed)) problems.push(`seed must be an integer (got ${seed})`);
  const delay = options.startDelayMs;
  if (delay !== undefined && !(Number.isInteger(delay) && delay >= 0 && delay <= 3_600_000)) {
    problems.push(`startDelayMs must be an integer from 0 to 3600000 (got ${delay})`);
  }
  if (problems.length > 0) throw new Error(`invalid simulator options: ${problems.join('; ')}`);
}
