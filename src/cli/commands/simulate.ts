// simulate: a local fleet of fake vendor status pages (docs/contract.md#simulator).
import { loadTimeline, startSimulator } from '../../simulate/index.js';
import { parseCommandArgs, parseIntegerOption } from '../args.js';
import { print, type CommandIo } from '../io.js';

export async function runSimulate(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      vendors: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      timeline: { type: 'string' },
      seed: { type: 'string' },
      'address-per-vendor': { type: 'boolean' },
      'incident-rate': { type: 'string' },
      'tick-ms': { type: 'string' },
      platforms: { type: 'string' },
    },
    0,
  );
  // With a timeline and no --vendors, the timeline's own vendors are served once each.
  const vendors = parseIntegerOption(values.vendors, 'vendors', 1, 20_000);
  const tickMs = parseIntegerOption(values['tick-ms'], 'tick-ms', 10, 3_600_000);
  const port = parseIntegerOption(values.port, 'port', 0, 65535) ?? 4000;
  const seed = parseIntegerOption(values.seed, 'seed', 0, 2 ** 31) ?? 1;
  const incidentRate =
    values['incident-rate'] === undefined ? undefined : Number(values['incident-rate']);
  // --platforms statuspage,incidentio,… : scripted vendors take these formats round-robin.
  const platforms = values.platforms
    ?.split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const timeline = values.timeline ? await loadTimeline(values.timeline) : undefined;
  const simulator = await startSimulator({
    port,
    seed,
    ...(vendors !== undefined ? { vendors } : {}),
    ...(tickMs !== undefined ? { tickMs } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values['address-per-vendor'] ? { addressPerVendor: true } : {}),
    ...(timeline ? { timeline } : {}),
    ...(platforms ? { platforms } : {}),
    ...(incidentRate !== undefined && Number.isFinite(incidentRate) ? { incidentRate } : {}),
  });
  const first = simulator.vendors[0];
  print(
    io.stdout,
    `simulating ${simulator.vendors.length} vendors; first: ${first?.slug} at ${first?.baseUrl}`,
  );
  print(io.stdout, 'watch them with a config that sets network.allowPrivateAddresses: true');
  await io.untilSignal();
  await simulator.close();
  return 0;
}
