// serve / worker / web: the long-running service, whole or in halves.
import { startService, type ServiceParts } from '../../app/service.js';
import { createLogger } from '../../logger.js';
import { defineCommand, parseCommandArgs, parseIntegerOption } from '../args.js';
import { configFor, print, type CommandIo } from '../io.js';

const serveOptions = { port: { type: 'string' }, host: { type: 'string' } } as const;
const serveHelp = {
  port: { arg: 'N', text: 'port for the web server (overrides the config)' },
  host: { arg: 'HOST', text: 'address for the web server (overrides the config)' },
};

export const serveCommand = defineCommand({
  synopsis: 'serve [--port N] [--host HOST]',
  summary: 'Poller, notifier and web server in one process, until interrupted.',
  options: serveOptions,
  help: serveHelp,
});

export const workerCommand = defineCommand({
  synopsis: 'worker',
  summary: 'The poller and notifier alone (share a PostgreSQL database between several).',
  options: serveOptions,
  help: {
    port: { arg: 'N', text: 'accepted and unused: a worker serves no web pages' },
    host: { arg: 'HOST', text: 'accepted and unused: a worker serves no web pages' },
  },
});

export const webCommand = defineCommand({
  synopsis: 'web [--port N] [--host HOST]',
  summary: 'The web server and API alone.',
  options: serveOptions,
  help: serveHelp,
});

export async function runServe(
  argv: string[],
  io: CommandIo,
  parts: ServiceParts,
): Promise<number> {
  const { values } = parseCommandArgs(argv, serveCommand.options, 0);
  const port = parseIntegerOption(values.port, 'port', 0, 65535);
  const config = configFor(io, values, { port, host: values.host });
  const logger = createLogger(config.logLevel);
  if (config.usingDefaultVendors && parts.poller) {
    logger.info(
      { vendors: config.vendors.map((v) => v.slug) },
      'no vendors configured: watching the default catalog list',
    );
  }
  const service = await startService(config, parts, logger);
  if (service.url) print(io.stdout, `vendorwatch is serving ${service.url}`);
  const signal = await io.untilSignal();
  logger.info({ signal }, 'shutting down');
  await service.stop();
  logger.flush();
  return 0;
}
