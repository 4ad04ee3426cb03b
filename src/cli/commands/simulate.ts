// simulate: a local fleet of fake vendor status pages (docs/contract.md#simulator).
import {
  loadTimeline,
  scenarioNames,
  scenarios,
  simPlatforms,
  startSimulator,
  type Timeline,
} from '../../simulate/index.js';
import { readFile } from 'node:fs/promises';
import { parseDurationSeconds } from '../../config/duration.js';
import { defineCommand, parseCommandArgs, parseIntegerOption, UsageError } from '../args.js';
import { print, type CommandIo } from '../io.js';

export const simulateCommand = defineCommand({
  synopsis: `simulate [--vendors N] [--port P] [--timeline FILE | --scenario NAME [--minute-ms MS]] [--start-after 15s] [--address-per-vendor] [--seed N] [--incident-rate R] [--tick-ms MS] [--platforms ${simPlatforms.join(',')}] [--push-to URL|FILE]`,
  summary: 'A local fleet of fake vendor status pages on loopback, until interrupted.',
  options: {
    vendors: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    timeline: { type: 'string' },
    seed: { type: 'string' },
    'address-per-vendor': { type: 'boolean' },
    'incident-rate': { type: 'string' },
    'tick-ms': { type: 'string' },
    platforms: { type: 'string' },
    'start-after': { type: 'string' },
    scenario: { type: 'string' },
    'minute-ms': { type: 'string' },
    'push-to': { type: 'string' },
  },
  help: {
    vendors: { arg: 'N', text: 'how many vendors (1 to 20000)' },
    port: { arg: 'P', text: 'port to listen on (default 4000)' },
    host: { arg: 'HOST', text: 'address to listen on' },
    timeline: { arg: 'FILE', text: 'play a scripted timeline of incidents' },
    seed: { arg: 'N', text: 'random seed (default 1)' },
    'address-per-vendor': { text: 'give each vendor its own loopback address' },
    'incident-rate': { arg: 'R', text: 'how often random incidents start' },
    'tick-ms': { arg: 'MS', text: 'milliseconds between simulation steps' },
    platforms: { arg: 'LIST', text: `formats served round-robin: ${simPlatforms.join(', ')}` },
    scenario: {
      arg: 'NAME',
      text: `play a named scenario: ${scenarioNames.join(', ')} (prints the dependsOn it expects)`,
    },
    'minute-ms': {
      arg: 'MS',
      text: 'with --scenario: real milliseconds per scenario minute (default 60000)',
    },
    'push-to': {
      arg: 'URL|FILE',
      text: 'push a Statuspage-style webhook on every change: to this ingest URL (every vendor), or per vendor from a file of "SLUG URL" lines',
    },
    'start-after': {
      arg: 'DURATION',
      text: "with --timeline: serve the first state this long before the timeline's changes, e.g. 10s",
    },
  },
});

export async function runSimulate(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(argv, simulateCommand.options, 0);
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
  if (values.timeline !== undefined && values.scenario !== undefined) {
    throw new UsageError('give --timeline or --scenario, not both');
  }
  const scenario = values.scenario === undefined ? undefined : scenarios[values.scenario];
  if (values.scenario !== undefined && !scenario) {
    throw new UsageError(`--scenario must be one of ${scenarioNames.join(', ')}`);
  }
  if (values['minute-ms'] !== undefined && !scenario) {
    throw new UsageError('--minute-ms needs --scenario');
  }
  const minuteMs = parseIntegerOption(values['minute-ms'], 'minute-ms', 10, 60_000) ?? 60_000;
  const startDelaySeconds = parseStartAfter(
    values['start-after'],
    values.timeline !== undefined || scenario !== undefined,
  );
  const timeline: Timeline | undefined = values.timeline
    ? await loadTimeline(values.timeline)
    : scenario?.timeline(minuteMs);
  const pushTo = values['push-to'] === undefined ? undefined : await pushTargets(values['push-to']);
  const simulator = await startSimulator({
    port,
    ...(pushTo ? { pushTo } : {}),
    seed,
    ...(vendors !== undefined ? { vendors } : {}),
    ...(tickMs !== undefined ? { tickMs } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values['address-per-vendor'] ? { addressPerVendor: true } : {}),
    ...(timeline ? { timeline } : {}),
    ...(platforms ? { platforms } : {}),
    ...(incidentRate !== undefined && Number.isFinite(incidentRate) ? { incidentRate } : {}),
    ...(startDelaySeconds !== undefined ? { startDelayMs: startDelaySeconds * 1000 } : {}),
    onDelivery: (record) =>
      print(
        io.stdout,
        `inbox: ${record.event ?? 'a POST'} ${[record.vendor, record.subject].filter(Boolean).join(': ')}`,
      ),
  });
  const first = simulator.vendors[0];
  print(
    io.stdout,
    `simulating ${simulator.vendors.length} vendor${simulator.vendors.length === 1 ? '' : 's'}; first: ${first?.slug} at ${first?.baseUrl}`,
  );
  print(
    io.stdout,
    'watch them with a config that sets network.allowedPrivateRanges: [127.0.0.0/8] (they are on loopback)',
  );
  print(io.stdout, `webhook deliveries to ${simulator.controlUrl}/_sim/inbox are printed here`);
  if (scenario) {
    const entries = Object.entries(scenario.dependsOn)
      .map(([slug, upstreams]) => `${slug}: [${upstreams.join(', ')}]`)
      .join('; ');
    print(io.stdout, `scenario ${values.scenario}: ${scenario.summary}`);
    if (entries !== '') print(io.stdout, `give these vendors dependsOn in your config: ${entries}`);
    if (scenario.advice) print(io.stdout, scenario.advice);
  }
  await io.untilSignal();
  await simulator.close();
  return 0;
}

/** One ingest URL for every vendor, or a file of `SLUG URL` lines (as `ingest-url` prints them). */
async function pushTargets(value: string): Promise<(slug: string) => string | undefined> {
  if (/^https?:\/\//i.test(value)) {
    if (!URL.canParse(value)) throw new UsageError(`--push-to: "${value}" is not a URL`);
    return () => value;
  }
  let text: string;
  try {
    text = await readFile(value, 'utf8');
  } catch {
    throw new UsageError(
      `--push-to: cannot read "${value}" (give an ingest URL or a file of "SLUG URL" lines)`,
    );
  }
  const urls = new Map<string, string>();
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [slug, url, ...rest] = line.split(/\s+/);
    if (!slug || !url || rest.length > 0 || !/^https?:\/\//i.test(url) || !URL.canParse(url)) {
      throw new UsageError(`--push-to ${value}, line ${index + 1}: expected "SLUG URL"`);
    }
    urls.set(slug, url);
  }
  return (slug) => urls.get(slug);
}

function parseStartAfter(value: string | undefined, hasTimeline: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (!hasTimeline) throw new UsageError('--start-after needs --timeline or --scenario');
  const seconds = parseDurationSeconds(value);
  if (seconds === null || !Number.isInteger(seconds) || seconds < 0 || seconds > 3600)
    throw new UsageError('--start-after must be whole seconds from 0s to 1h, e.g. 10s');
  return seconds;
}
