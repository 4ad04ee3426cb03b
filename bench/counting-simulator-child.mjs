// The bench's simulator (as simulator-child.mjs) that also counts the polls it serves: one
// summary.json request is one Statuspage poll, whoever makes it, so polls are counted the same
// for any vendorwatch version. Asked over IPC ({ type: 'count' }) for the running total.
import { subscribe } from 'node:diagnostics_channel';
import { startSimulator } from '../dist/simulate/index.js';

const options = JSON.parse(process.argv[2] ?? '{}');
let polls = 0;
subscribe('http.server.request.start', ({ request }) => {
  if (request.url?.endsWith('/summary.json')) polls += 1;
});
const simulator = await startSimulator({
  vendors: options.vendors,
  port: 0,
  host: '127.0.0.1',
  addressPerVendor: true,
  seed: options.seed,
  incidentRate: options.incidentRate,
});
const shutdown = async () => {
  await simulator.close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('disconnect', () => void shutdown());
process.on('message', (message) => {
  if (message?.type === 'count') process.send?.({ type: 'count', polls, at: Date.now() });
  if (message?.type === 'stop') void shutdown();
});
process.send?.({ type: 'ready', vendors: simulator.vendors });
