// The contract every platform adapter meets: it names the endpoints it needs and turns their
// bodies into a normalized snapshot. Pure: no I/O, no clock, no store.
import type { VendorSnapshot } from '../domain/snapshot.js';
import type { Platform } from '../domain/vocabulary.js';
import type { PlatformDetection } from './detect-kit/types.js';
import type { SimFormat } from './sim-kit/format.js';

export interface Endpoint {
  /** Key under which the body is handed back to `parse`. */
  key: string;
  url: string;
  /** When false, a failed fetch of this endpoint is tolerated and its body is null. */
  required: boolean;
}

export interface AdapterContext {
  /** The vendor's status page URL as configured (the base for relative links). */
  statusPageUrl: string;
  /**
   * When the poll fetched the bodies (ISO 8601 UTC): a maintenance whose phase the vendor does
   * not state follows its window against it. Without it, an adapter falls back to the page's own
   * time where it has one (tests, detection).
   */
  observedAt?: string;
}

export type ParseResult = { ok: true; snapshot: VendorSnapshot } | { ok: false; error: string };

export interface PlatformAdapter {
  platform: Platform;
  /** The URLs one poll fetches, derived from the status page URL. */
  endpoints(statusPageUrl: string): Endpoint[];
  /** Bodies keyed by endpoint key; null for an optional endpoint that could not be fetched. */
  parse(bodies: Readonly<Record<string, string | null>>, context: AdapterContext): ParseResult;
}

/**
 * One platform, described whole: how to poll and parse it, how detection recognises it and, when
 * the simulator can imitate it, how to serve it. The registry lists these.
 */
export interface PlatformDescriptor<P extends Platform = Platform> extends PlatformAdapter {
  platform: P;
  detection: PlatformDetection;
  /** The simulator serves this platform's format when present. */
  simulator?: SimFormat;
}

/** Keeps the platform id's literal type, so the registry can derive the list of ids. */
export function definePlatform<const P extends Platform>(
  descriptor: PlatformDescriptor<P>,
): PlatformDescriptor<P> {
  return descriptor;
}
