// A TCP relay on loopback between vendorwatch workers and PostgreSQL that reads the wire protocol
// as it passes: every frontend Sync ('S') or simple Query ('Q') is one round trip (the server
// answers each with one ReadyForQuery 'Z'), so counting them counts the database round trips the
// workers make, whatever the driver batches. It also times each round trip from the client's
// Sync/Query to the server's ReadyForQuery, and marks those that carry the vendor claim (the
// statement with FOR UPDATE … SKIP LOCKED that leases vendor_state rows).
// IPC: { type: 'mark' } answers with the totals and the round-trip times since the last mark.
import { Buffer } from 'node:buffer';
import { createConnection, createServer } from 'node:net';
import { performance } from 'node:perf_hooks';

const { upstreamHost, upstreamPort } = JSON.parse(process.argv[2] ?? '{}');
/** Protocol codes of the untyped requests a client may send before its startup message. */
const sslRequest = 80877103;
const gssEncRequest = 80877104;

const totals = { connections: 0, syncs: 0, queries: 0, claims: 0 };
let roundTripMs = [];
let claimMs = [];

function isClaim(text) {
  return /skip locked/i.test(text) && /update "vendor_state"/i.test(text);
}

/** Splits a byte stream into protocol messages; `untyped` says whether the next has no type byte. */
function messageReader(onMessage) {
  let buffered = Buffer.alloc(0);
  const state = { untyped: false, skipBytes: 0, opaque: false };
  const push = (chunk) => {
    if (state.opaque) return;
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    for (;;) {
      if (state.skipBytes > 0) {
        if (buffered.length === 0) return;
        const byte = buffered[0];
        buffered = buffered.subarray(1);
        state.skipBytes -= 1;
        onMessage({ single: byte });
        if (state.opaque) return;
        continue;
      }
      const headerLength = state.untyped ? 4 : 5;
      if (buffered.length < headerLength) return;
      const length = buffered.readInt32BE(state.untyped ? 0 : 1);
      const total = length + (state.untyped ? 0 : 1);
      if (buffered.length < total) return;
      const message = state.untyped
        ? { type: null, body: buffered.subarray(4, total) }
        : { type: String.fromCharCode(buffered[0]), body: buffered.subarray(5, total) };
      buffered = buffered.subarray(total);
      onMessage(message);
      if (state.opaque) return;
    }
  };
  return { push, state };
}

function relay(client) {
  totals.connections += 1;
  const server = createConnection({ host: upstreamHost, port: upstreamPort, noDelay: true });
  /** Round trips sent and not yet answered, oldest first. */
  const pending = [];
  let batchHasClaim = false;
  const frontend = messageReader((message) => {
    if (message.type === null) {
      const code = message.body.readInt32BE(0);
      // Answered by one byte ('N' to go on in clear text, 'S'/'G' to start TLS or GSS).
      if (code === sslRequest || code === gssEncRequest) backend.state.skipBytes += 1;
      else frontend.state.untyped = false; // the startup message (or a cancel request)
      return;
    }
    if (message.type === 'P') {
      const name = message.body.indexOf(0);
      const text = message.body.toString('utf8', name + 1, message.body.indexOf(0, name + 1));
      if (isClaim(text)) batchHasClaim = true;
    } else if (message.type === 'S') {
      totals.syncs += 1;
      pending.push({ at: performance.now(), claim: batchHasClaim });
      batchHasClaim = false;
    } else if (message.type === 'Q') {
      totals.queries += 1;
      const text = message.body.toString('utf8', 0, message.body.length - 1);
      pending.push({ at: performance.now(), claim: isClaim(text) });
    }
  });
  frontend.state.untyped = true;
  const backend = messageReader((message) => {
    if (message.single !== undefined) {
      if (message.single !== 0x4e) {
        // Encrypted from here on: relay without reading.
        frontend.state.opaque = true;
        backend.state.opaque = true;
      }
      return;
    }
    // The ReadyForQuery after authentication answers no Sync: nothing is pending then.
    if (message.type !== 'Z' || pending.length === 0) return;
    const sent = pending.shift();
    const ms = performance.now() - sent.at;
    roundTripMs.push(ms);
    if (sent.claim) {
      totals.claims += 1;
      claimMs.push(ms);
    }
  });
  client.on('data', (chunk) => {
    frontend.push(chunk);
    if (!server.write(chunk)) client.pause();
  });
  server.on('drain', () => client.resume());
  server.on('data', (chunk) => {
    backend.push(chunk);
    if (!client.write(chunk)) server.pause();
  });
  client.on('drain', () => server.resume());
  const close = () => {
    client.destroy();
    server.destroy();
  };
  client.on('error', close);
  server.on('error', close);
  client.on('close', close);
  server.on('close', close);
}

function summary(values) {
  if (values.length === 0) return { count: 0, mean: null, p50: null, p99: null, max: null };
  const sorted = Float64Array.from(values).sort();
  const at = (p) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1];
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    mean: sum / sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1],
  };
}

const listener = createServer({ noDelay: true }, relay);
listener.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: listener.address().port });
});
process.on('message', (message) => {
  if (message?.type !== 'mark') return;
  process.send?.({
    type: 'mark',
    at: Date.now(),
    totals: { ...totals },
    roundTripMs: summary(roundTripMs),
    claimMs: summary(claimMs),
  });
  roundTripMs = [];
  claimMs = [];
});
const shutdown = () => {
  listener.close();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('disconnect', shutdown);
