// The served vendors and their rendered bodies. A body is rendered, hashed and gzipped once per
// vendor change, so thousands of pollers cost a map lookup each; commit() is the only way a
// change becomes visible.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { platformOf, renderBody } from './platforms.js';
import type {
  SimVendorIdentity,
  SimVendorState,
  VisibilityRecord,
} from '../adapters/sim-kit/types.js';
import { diffSignatures, signatureOf, VisibilityLog, type VisibleSignature } from './visibility.js';

/** Fastest level: JSON still shrinks ~8×, and a fleet-wide first poll renders every body once. */
const gzipLevel = 1;

interface CachedBody {
  etag: string;
  gzip: Buffer;
  /** Kept only once a client asked without gzip: most pollers never need it. */
  raw: Buffer | null;
}

export interface FleetVendor {
  index: number;
  identity: SimVendorIdentity;
  state: SimVendorState;
  baseUrl: string;
  /** When the current bodies started being served (Last-Modified). */
  lastModified: number;
  /** Keyed by the vendor's platform's endpoint name. */
  bodies: Map<string, CachedBody>;
  signature: VisibleSignature;
}

interface ServedBody {
  etag: string;
  lastModified: number;
  body: Buffer;
  gzipped: boolean;
}

export class Fleet {
  readonly vendors: FleetVendor[];
  readonly visibility = new VisibilityLog();
  private readonly bySlug = new Map<string, FleetVendor>();

  constructor(
    vendors: ReadonlyArray<{ identity: SimVendorIdentity; state: SimVendorState }>,
    now: number,
    /** Told of every published change (the pusher). */
    private readonly onCommit?: (vendor: FleetVendor, records: VisibilityRecord[]) => void,
  ) {
    this.vendors = vendors.map(({ identity, state }, index) => ({
      index,
      identity,
      state,
      baseUrl: '',
      lastModified: now,
      bodies: new Map(),
      signature: signatureOf(state),
    }));
    for (const vendor of this.vendors) {
      if (this.bySlug.has(vendor.identity.slug)) {
        throw new Error(`duplicate vendor slug "${vendor.identity.slug}"`);
      }
      this.bySlug.set(vendor.identity.slug, vendor);
    }
  }

  vendor(slug: string): FleetVendor | undefined {
    return this.bySlug.get(slug);
  }

  /** Publishes the vendor's (already changed) state: new bodies from now on, visibility recorded. */
  commit(index: number, now: number): void {
    const vendor = this.vendors[index];
    if (!vendor) throw new Error(`no vendor at index ${index}`);
    vendor.bodies.clear();
    vendor.lastModified = now;
    const next = signatureOf(vendor.state);
    const records = diffSignatures(vendor.identity.slug, vendor.signature, next, now);
    this.visibility.push(records);
    vendor.signature = next;
    this.onCommit?.(vendor, records);
  }

  /** Replaces a vendor's whole state (timeline steps) and publishes it. */
  replace(index: number, state: SimVendorState, now: number): void {
    const vendor = this.vendors[index];
    if (!vendor) throw new Error(`no vendor at index ${index}`);
    vendor.state = state;
    this.commit(index, now);
  }

  body(vendor: FleetVendor, endpoint: string, acceptGzip: boolean): ServedBody {
    let cached = vendor.bodies.get(endpoint);
    if (!cached) {
      const { identity, state, baseUrl } = vendor;
      const raw = Buffer.from(renderBody(platformOf(identity), endpoint, identity, state, baseUrl));
      const hash = createHash('md5').update(raw).digest('hex');
      cached = {
        etag: `W/"${hash}"`,
        gzip: gzipSync(raw, { level: gzipLevel }),
        raw: acceptGzip ? null : raw,
      };
      vendor.bodies.set(endpoint, cached);
    }
    const { etag } = cached;
    if (acceptGzip)
      return { etag, lastModified: vendor.lastModified, body: cached.gzip, gzipped: true };
    cached.raw ??= gunzipSync(cached.gzip);
    return { etag, lastModified: vendor.lastModified, body: cached.raw, gzipped: false };
  }
}
