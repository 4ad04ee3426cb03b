// serve / worker / web: the long-running service, whole or in halves.
import { startService, type ServiceParts } from '../../app/service.js';
import { createLogger } from '../../logger.js';
import { defineCommand, parseCommandArgs, parseIntegerOption, UsageError } from '../args.js';
import { configFor, print, type CommandIo } from '../io.js';

const serveOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
  'worker-id': { type: 'string' },
} as const;
const workerIdHelp = {
  arg: 'ID',
  text:
    "this poller's id, kept across restarts (default: VENDORWATCH_WORKER_ID, else the lowest " +
    'free <host>-<n>)',
};
const serveHelp = {
  port: { arg: 'N', text: 'port for the web server (overrides the config)' },
  host: { arg: 'HOST', text: 'address for the web server (overrides the config)' },
  'worker-id': workerIdHelp,
};
/** Ids appear in logs, metrics labels and the API: short and plain. */
const workerIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export const serveCommand = defineCommand({
  synopsis: 'serve [--port N] [--host HOST] [--worker-id ID]',
  summary: 'Poller, notifier and web server in one process, until interrupted.',
  options: serveOptions,
  help: serveHelp,
});

export const workerCommand = defineCommand({
  synopsis: 'worker [--worker-id ID]',
  summary: 'The poller and notifier alone (share a PostgreSQL database between several).',
  options: serveOptions,
  help: {
    port: { arg: 'N', text: 'accepted and unused: a worker serves no web pages' },
    host: { arg: 'HOST', text: 'accepted and unused: a worker serves no web pages' },
    'worker-id': workerIdHelp,
  },
});

export const webCommand = defineCommand({
  synopsis: 'web [--port N] [--host HOST]',
  summary: 'The web server and API alone.',
  options: serveOptions,
  help: {
    ...serveHelp,
    'worker-id': { arg: 'ID', text: 'accepted and unused: web does not poll' },
  },
});

export async function runServe(
  argv: string[],
  io: CommandIo,
  parts: ServiceParts,
): Promise<number> {
  const { values } = parseCommandArgs(argv, serveCommand.options, 0);
  const port = parseIntegerOption(values.port, 'port', 0, 65535);
  const workerId = values['worker-id'] ?? (io.env.VENDORWATCH_WORKER_ID || null);
  if (workerId !== null && !workerIdPattern.test(workerId)) {
    throw new UsageError(
      `worker id "${workerId}" is not valid: use up to 100 letters, digits, ".", "_", ":" or "-"`,
    );
  }
  const config = configFor(io, values, { port, host: values.host });
  const logger = createLogger(config.logLevel);
  if (config.usingDefaultVendors && parts.poller) {
    logger.info(
      { vendors: config.vendors.map((v) => v.slug) },
      'no vendors configured: watching the default catalog list',
    );
  }
  const service = await startService(config, { ...parts, workerId }, logger);
  if (service.url) print(io.stdout, `vendorwatch is serving ${service.url}`);
  const signal = await io.untilSignal();
  logger.info({ signal }, 'shutting down');
  await service.stop();
  logger.flush();
  return 0;
}
