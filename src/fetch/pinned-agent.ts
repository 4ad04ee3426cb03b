// One shared undici Agent whose sockets can only reach addresses the guard validated. The guard
// pins a name's checked addresses in the AddressBook; the connector's `lookup` answers from that
// pin and never asks DNS again, so a rebinding answer between check and connect is never used.
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIPv6 } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { addressRefusal } from './address-guard.js';
import type { AddressPolicy } from './address-guard.js';

export class AddressBlockedError extends Error {
  override readonly name = 'AddressBlockedError';
  readonly code = 'VW_ADDRESS_BLOCKED';
}

// Bounds memory when many hosts are seen (webhooks, redirects); oldest entries go first.
const maxEntries = 10_000;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > maxEntries) map.delete(map.keys().next().value!);
}

interface CachedAnswer {
  addresses: Promise<string[]>;
  expiresAt: number;
  /** The answer once the lookup succeeded. */
  settled?: string[];
}

/** DNS answers cached briefly per host, and the addresses last validated for each host. */
export class AddressBook {
  private readonly answers = new Map<string, CachedAnswer>();
  private readonly pins = new Map<string, readonly string[]>();

  constructor(
    private readonly lookupHost: (hostname: string) => Promise<string[]>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves through the cache; concurrent lookups of one host share one query. */
  resolve(hostname: string): Promise<string[]> {
    const cached = this.answers.get(hostname);
    if (cached && cached.expiresAt > this.now()) return cached.addresses;
    const addresses = this.lookupHost(hostname);
    if (this.ttlMs > 0) {
      const entry: CachedAnswer = { addresses, expiresAt: this.now() + this.ttlMs };
      remember(this.answers, hostname, entry);
      addresses.then(
        (settled) => {
          entry.settled = settled;
        },
        // Failures are not cached: the next poll asks again.
        () => {
          if (this.answers.get(hostname) === entry) this.answers.delete(hostname);
        },
      );
    }
    return addresses;
  }

  /** What resolve() would answer from the cache right now, when that answer has arrived. */
  settled(hostname: string): string[] | undefined {
    const cached = this.answers.get(hostname);
    return cached && cached.expiresAt > this.now() ? cached.settled : undefined;
  }

  pin(hostname: string, addresses: readonly string[]): void {
    remember(this.pins, hostname, addresses);
  }

  pinned(hostname: string): readonly string[] | undefined {
    return this.pins.get(hostname);
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

function pinnedLookup(book: AddressBook) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
    const entries = (book.pinned(hostname) ?? [])
      .map((address) => ({ address, family: isIPv6(address) ? 6 : 4 }))
      .filter((entry) => wanted === 0 || entry.family === wanted);
    const first = entries[0];
    if (!first) {
      callback(new AddressBlockedError(`blocked: no validated address for ${hostname}`), '');
    } else if (options.all) {
      callback(null, entries);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

interface PinnedAgentOptions {
  book: AddressBook;
  policy: AddressPolicy;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

export function createPinnedAgent(options: PinnedAgentOptions): Agent {
  const connect = buildConnector({
    timeout: options.connectTimeoutMs,
    lookup: pinnedLookup(options.book),
  });
  // Node skips `lookup` for IP literals, so the peer is checked again once connected.
  const guardedConnect: buildConnector.connector = (connectOptions, callback) => {
    connect(connectOptions, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('connect failed'), null);
        return;
      }
      const peer = socket.remoteAddress ?? '';
      const refusal = addressRefusal(peer, options.policy);
      if (refusal) {
        socket.destroy();
        callback(new AddressBlockedError(`blocked: ${refusal}`), null);
        return;
      }
      callback(null, socket);
    });
  };
  return new Agent({
    connect: guardedConnect,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
  });
}
