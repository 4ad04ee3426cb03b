// The latency-groups phase's simulator (bench/latency-groups.mjs): a timeline fleet, one loopback
// address per vendor, held on its baseline until told to start, whose pushing vendors POST a
// webhook to their ingest URL on every change. Over IPC: `push-to` (the URLs, once serve has its
// tokens), `start` (the timeline's changes begin), `pushes` (what was sent); closes with the bench.
import { readFileSync } from 'node:fs';
import { parseTimeline, startSimulator } from '../dist/simulate/index.js';
import { runSimulatorChild } from './simulator-process.mjs';

const timeline = JSON.parse(readFileSync(process.argv[2], 'utf8'));
/** slug → ingest URL, filled by the `push-to` message. */
const pushUrls = new Map();
await runSimulatorChild({
  start: () =>
    startSimulator({
      port: 0,
      host: '127.0.0.1',
      addressPerVendor: true,
      timeline: parseTimeline(timeline),
      holdReplay: true,
      pushTo: (slug) => pushUrls.get(slug),
    }),
  onMessage(message, simulator) {
    if (message?.type === 'push-to') {
      for (const [slug, url] of Object.entries(message.urls)) pushUrls.set(slug, url);
      process.send?.({ type: 'push-to', count: pushUrls.size });
    }
    if (message?.type === 'start') {
      simulator.startReplay();
      process.send?.({ type: 'start', at: Date.now() });
    }
    if (message?.type === 'pushes') process.send?.({ type: 'pushes', pushes: simulator.pushes() });
  },
});
