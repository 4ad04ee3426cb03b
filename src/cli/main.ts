// vendorwatch's command line: one dispatcher, each command in its own module.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/load.js';
import { InstanceLockError } from '../app/instance-lock.js';
import { ServiceStartError } from '../app/service.js';
import { UsageError } from './args.js';
import { runAdd } from './commands/add.js';
import { runDetect } from './commands/detect.js';
import { runIncidents } from './commands/incidents.js';
import { PollFailure, runPoll } from './commands/poll.js';
import { runServe } from './commands/serve.js';
import { runNotify } from './commands/notify.js';
import { runSimulate } from './commands/simulate.js';
import { runStatus } from './commands/status.js';
import { runVendors } from './commands/vendors.js';
import { print, type CommandIo } from './io.js';
import { simPlatforms } from '../simulate/index.js';

const usage = `Usage: vendorwatch <command> [options]

Commands:
  serve                 poller + notifier + web in one process (--port, --host, --db, --config)
  worker                the poller alone (share a PostgreSQL database between several)
  web                   the web server and API alone
  poll URL|SLUG [--json] [--platform P]   fetch once and print the normalized snapshot
  detect URL            print which platform a status page runs on
  add URL [--slug S] [--name N] [--interval 60s] [--category C]   detect and watch a new vendor
  status [--json]       the current state of every watched vendor
  incidents [--vendor SLUG] [--active] [--json] [--limit N]   recent incidents
  vendors [QUERY]       search the built-in catalog
  simulate [--vendors N] [--port P] [--timeline FILE] [--address-per-vendor] [--seed N] [--incident-rate R] [--tick-ms MS] [--platforms ${simPlatforms.join(',')}]
  notify test NAME | notify list   send a sample message to one target; list targets and their state
  help [COMMAND]        this text, or one command's usage and options (also COMMAND --help)

vendorwatch --version (-V) prints the version.
Every command takes --config FILE (default ./vendorwatch.yaml, env VENDORWATCH_CONFIG) and --db PATH|URL.`;

/** The version package.json declares; src/cli and dist/cli both sit two levels below it. */
export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

type Command = (argv: string[], io: CommandIo) => Promise<number> | number;

const commands: Record<string, Command> = {
  serve: (argv, io) => runServe(argv, io, { poller: true, web: true }),
  worker: (argv, io) => runServe(argv, io, { poller: true, web: false }),
  web: (argv, io) => runServe(argv, io, { poller: false, web: true }),
  poll: runPoll,
  detect: runDetect,
  add: runAdd,
  status: runStatus,
  incidents: runIncidents,
  vendors: runVendors,
  simulate: runSimulate,
  notify: runNotify,
};

export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    print(io.stdout, packageVersion());
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    print(io.stdout, usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    print(io.stderr, `vendorwatch: unknown command "${name}" (see vendorwatch --help)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    print(io.stdout, usage);
    return 0;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      print(io.stderr, `vendorwatch ${name}: ${error.message}`);
      return 2;
    }
    if (
      error instanceof PollFailure ||
      error instanceof InstanceLockError ||
      error instanceof ServiceStartError
    ) {
      print(io.stderr, `vendorwatch ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
