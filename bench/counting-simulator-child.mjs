// The bench's simulator (as simulator-child.mjs) that also counts the polls it serves: one
// summary.json request is one Statuspage poll, whoever makes it, so polls are counted the same
// for any vendorwatch version. Asked over IPC ({ type: 'count' }) for the running total; its
// control URL (for /_sim/visibility) comes with 'ready'.
import { subscribe } from 'node:diagnostics_channel';
import { startSimulator } from '../dist/simulate/index.js';
import { fleetOptions, runSimulatorChild } from './simulator-process.mjs';

const options = JSON.parse(process.argv[2] ?? '{}');
let polls = 0;
subscribe('http.server.request.start', ({ request }) => {
  if (request.url?.endsWith('/summary.json')) polls += 1;
});

await runSimulatorChild({
  start: () => startSimulator(fleetOptions(options)),
  onMessage(message) {
    if (message?.type === 'count') process.send?.({ type: 'count', polls, at: Date.now() });
  },
});
