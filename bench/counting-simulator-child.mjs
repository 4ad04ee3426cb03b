// The bench's simulator (as simulator-child.mjs) that also counts the polls it serves: one
// summary.json request is one Statuspage poll, whoever makes it, so polls are counted the same
// for any vendorwatch version. Asked over IPC ({ type: 'count' }) for the running total; its
// control URL (for /_sim/visibility) comes with 'ready'.
import { subscribe } from 'node:diagnostics_channel';
import { startSimulator } from '../dist/simulate/index.js';

const options = JSON.parse(process.argv[2] ?? '{}');
let polls = 0;
let simulator = null;
let closing = false;
subscribe('http.server.request.start', ({ request }) => {
  if (request.url?.endsWith('/summary.json')) polls += 1;
});

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
  if (message?.type === 'count') process.send?.({ type: 'count', polls, at: Date.now() });
  if (message?.type === 'stop') void shutdown(0);
});

try {
  simulator = await startSimulator({
    vendors: options.vendors,
    port: 0,
    host: '127.0.0.1',
    addressPerVendor: true,
    seed: options.seed,
    incidentRate: options.incidentRate,
  });
  process.send?.({ type: 'ready', controlUrl: simulator.controlUrl, vendors: simulator.vendors });
} catch (error) {
  process.send?.({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
  });
  await shutdown(1);
}
