// serve / worker / web: the long-running service, whole or in halves.
import { startService, type ServiceParts } from '../../app/service.js';
import { createLogger } from '../../logger.js';
import { parseCommandArgs, parseIntegerOption } from '../args.js';
import { configFor, print, type CommandIo } from '../io.js';

export async function runServe(
  argv: string[],
  io: CommandIo,
  parts: ServiceParts,
): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { port: { type: 'string' }, host: { type: 'string' } },
    0,
  );
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
