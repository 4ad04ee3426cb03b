// The simulator's own process: startSimulator (what `vendorwatch simulate` runs) with one loopback
// address per vendor. It reports its control URL over IPC and closes when told, signalled, or
// orphaned (bench/simulator-process.mjs), so it never outlives the bench.
import { startSimulator } from '../dist/simulate/index.js';
import { fleetOptions, runSimulatorChild } from './simulator-process.mjs';

const options = JSON.parse(process.argv[2] ?? '{}');
await runSimulatorChild({ start: () => startSimulator(fleetOptions(options)) });
