// Where the simulator listens. One HTTP server on host:port always (control endpoints and
// /v/<slug>); with addressPerVendor, one more socket per vendor on 127.0.x.y:port feeding that same
// server, so each vendor is its own host (docs/contract.md#simulator).
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer, type Server as NetServer } from 'node:net';

const perOctet = 250;
export const maxAddressVendors = perOctet * 255;
/** Descriptors beyond the listeners: client connections, the control socket, files, stdio. */
const descriptorReserve = 2048;

/** Vendor i lives on 127.0.(1 + i/250).(1 + i%250): never 127.0.0.1, the control host. */
export function vendorAddress(index: number): string {
  return `127.0.${1 + Math.floor(index / perOctet)}.${1 + (index % perOctet)}`;
}

export function vendorIndexOfAddress(address: string | undefined): number | undefined {
  const parts = /^(?:::ffff:)?127\.0\.(\d+)\.(\d+)$/.exec(address ?? '');
  if (!parts) return undefined;
  const x = Number(parts[1]);
  const y = Number(parts[2]);
  if (x < 1 || y < 1 || y > perOctet) return undefined;
  return (x - 1) * perOctet + (y - 1);
}

/** The soft RLIMIT_NOFILE from /proc (Linux); undefined elsewhere. Node cannot raise it itself. */
export function openFileLimit(): number | undefined {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
    if (!match?.[1]) return undefined;
    return match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
  } catch {
    return undefined;
  }
}

export function checkAddressCapacity(vendors: number): void {
  if (vendors > maxAddressVendors) {
    throw new Error(
      `addressPerVendor supports at most ${maxAddressVendors} vendors (got ${vendors})`,
    );
  }
  const limit = openFileLimit();
  const needed = vendors + descriptorReserve;
  if (limit !== undefined && needed > limit) {
    throw new Error(
      `addressPerVendor with ${vendors} vendors needs about ${needed} open files but the soft ` +
        `limit (ulimit -n) is ${limit}; raise it with \`ulimit -n ${needed}\` before starting`,
    );
  }
}

export function listenHttp(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function listenNet(socketServer: NetServer, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRNOTAVAIL') {
        const hint = `${host} is not a local address here (on macOS: sudo ifconfig lo0 alias ${host})`;
        reject(new Error(`cannot listen on ${host}:${port}: ${hint}`));
      } else if (error.code === 'EMFILE') {
        reject(new Error(`out of file descriptors at ${host}; raise \`ulimit -n\``));
      } else reject(error);
    };
    socketServer.once('error', onError);
    socketServer.listen(port, host, () => {
      socketServer.off('error', onError);
      resolve();
    });
  });
}

/** One listener per vendor address on `port`, 256 binds at a time. */
export async function listenPerVendor(
  server: Server,
  count: number,
  port: number,
): Promise<NetServer[]> {
  const servers: NetServer[] = [];
  try {
    for (let start = 0; start < count; start += 256) {
      const batch: Promise<void>[] = [];
      for (let index = start; index < Math.min(count, start + 256); index += 1) {
        const socketServer = createServer({ noDelay: true }, (socket) => {
          server.emit('connection', socket);
        });
        servers.push(socketServer);
        batch.push(listenNet(socketServer, vendorAddress(index), port));
      }
      await Promise.all(batch);
    }
    return servers;
  } catch (error) {
    await closeNetServers(servers);
    throw error;
  }
}

export async function closeNetServers(servers: readonly NetServer[]): Promise<void> {
  await Promise.all(
    servers.map(
      (s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve())),
    ),
  );
}
