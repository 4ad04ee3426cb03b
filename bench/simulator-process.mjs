// The life of a bench simulator child process: start it, report `ready` (or `error`) over IPC,
// pass the caller's messages on, and close when told (`stop`), signalled, or orphaned (IPC
// channel gone), so it never outlives the bench.
export async function runSimulatorChild({ start, onMessage }) {
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
    else if (simulator) onMessage?.(message, simulator);
  });

  try {
    simulator = await start();
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
}

/** The fleet every poller bench uses: one loopback address per generated vendor. */
export function fleetOptions(options) {
  return {
    vendors: options.vendors,
    port: 0,
    host: '127.0.0.1',
    addressPerVendor: true,
    seed: options.seed,
    incidentRate: options.incidentRate,
  };
}
