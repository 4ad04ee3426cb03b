// The simulator's own process: startSimulator (what `vendorwatch simulate` runs) with one loopback
// address per vendor. It reports its control URL over IPC and closes when told, signalled, or
// orphaned (IPC channel gone), so it never outlives the bench.
import { startSimulator } from '../dist/simulate/index.js';

const options = JSON.parse(process.argv[2] ?? '{}');
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
