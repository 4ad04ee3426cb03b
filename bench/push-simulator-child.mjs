// The latency-groups phase's simulator (bench/latency-groups.mjs): a timeline fleet, one loopback
// address per vendor, held on its baseline until told to start, whose pushing vendors POST a
// webhook to their ingest URL on every change. Over IPC: `push-to` (the URLs, once serve has its
// tokens), `start` (the timeline's changes begin), `pushes` (what was sent); closes with the bench.
import { parseTimeline, startSimulator } from '../dist/simulate/index.js';

import { readFileSync } from 'node:fs';

const timeline = JSON.parse(readFileSync(process.argv[2], 'utf8'));
/** slug → ingest URL, filled by the `push-to` message. */
const pushUrls = new Map();
let simulator = null;
let closing = false;

async function shutdown(code) {
  if (closing) return;
  closing = true;
  try {
    await simulator?.close();
  } finally {
    process.exit(code);
  }
}

process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
process.on('disconnect', () => void shutdown(0));
process.on('message', (message) => {
  if (message?.type === 'stop') void shutdown(0);
  if (message?.type === 'push-to') {
    for (const [slug, url] of Object.entries(message.urls)) pushUrls.set(slug, url);
    process.send?.({ type: 'push-to', count: pushUrls.size });
  }
  if (message?.type === 'start') {
    simulator?.startReplay();
    process.send?.({ type: 'start', at: Date.now() });
  }
  if (message?.type === 'pushes') process.send?.({ type: 'pushes', pushes: simulator.pushes() });
});

try {
  simulator = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    addressPerVendor: true,
    timeline: parseTimeline(timeline),
    holdReplay: true,
    pushTo: (slug) => pushUrls.get(slug),
  });
  process.send?.({
    type: 'ready',
    controlUrl: simulator.controlUrl,
    port: simulator.port,
    vendors: simulator.vendors,
  });
} catch (error) {
  process.send?.({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
  });
  await shutdown(1);
}
