// vendorwatch's command line: one dispatcher, each command in its own module.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/load.js';
import { InstanceLockError } from '../app/instance-lock.js';
import { ServiceStartError } from '../app/service.js';
import { formatCommandHelp, UsageError, type CommandSpec, type OptionSpec } from './args.js';
import { addCommand, runAdd } from './commands/add.js';
import { captureCommand, runCapture } from './commands/capture.js';
import { detectCommand, runDetect } from './commands/detect.js';
import { incidentsCommand, runIncidents } from './commands/incidents.js';
import { ingestUrlCommand, runIngestUrl } from './commands/ingest-url.js';
import { PollFailure, pollCommand, runPoll } from './commands/poll.js';
import { pruneCommand, runPrune } from './commands/prune.js';
import { runServe, serveCommand, webCommand, workerCommand } from './commands/serve.js';
import { notifyCommand, runNotify } from './commands/notify.js';
import { runSimulate, simulateCommand } from './commands/simulate.js';
import { runStatus, statusCommand } from './commands/status.js';
import { runUser, userCommand } from './commands/user.js';
import { runVendors, vendorsCommand } from './commands/vendors.js';
import {
  pauseCommand,
  removeCommand,
  resumeCommand,
  runPause,
  runRemove,
  runResume,
} from './commands/watch.js';
import { didYouMean, nearestNames } from '../config/nearest.js';
import { print, printError, type CommandIo } from './io.js';

const usage = (specs: CommandSpec<OptionSpec>[]) =>
  [
    'Usage: vendorwatch <command> [options]',
    '',
    'Commands:',
    ...specs.map(({ synopsis, summary }) => `  ${synopsis}\n      ${summary}`),
    "  help [COMMAND]\n      This text, or one command's usage and options (also COMMAND --help).",
    '',
    'vendorwatch --version (-V) prints the version.',
    'Every command takes --config FILE (default ./vendorwatch.yaml, env VENDORWATCH_CONFIG) and --db PATH|URL.',
  ].join('\n');

/** The version package.json declares; src/cli and dist/cli both sit two levels below it. */
export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

type Command = (argv: string[], io: CommandIo) => Promise<number> | number;

const commands: Record<string, { run: Command; spec: CommandSpec<OptionSpec> }> = {
  serve: { run: (argv, io) => runServe(argv, io, { poller: true, web: true }), spec: serveCommand },
  worker: {
    run: (argv, io) => runServe(argv, io, { poller: true, web: false }),
    spec: workerCommand,
  },
  web: { run: (argv, io) => runServe(argv, io, { poller: false, web: true }), spec: webCommand },
  poll: { run: runPoll, spec: pollCommand },
  detect: { run: runDetect, spec: detectCommand },
  capture: { run: runCapture, spec: captureCommand },
  add: { run: runAdd, spec: addCommand },
  remove: { run: runRemove, spec: removeCommand },
  pause: { run: runPause, spec: pauseCommand },
  resume: { run: runResume, spec: resumeCommand },
  status: { run: runStatus, spec: statusCommand },
  incidents: { run: runIncidents, spec: incidentsCommand },
  vendors: { run: runVendors, spec: vendorsCommand },
  simulate: { run: runSimulate, spec: simulateCommand },
  notify: { run: runNotify, spec: notifyCommand },
  prune: { run: runPrune, spec: pruneCommand },
  user: { run: runUser, spec: userCommand },
  'ingest-url': { run: runIngestUrl, spec: ingestUrlCommand },
};

const globalUsage = usage(Object.values(commands).map(({ spec }) => spec));

export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    print(io.stdout, packageVersion());
    return 0;
  }
  if (name === 'help' && rest.length > 0) {
    const wanted = commands[rest[0]!];
    if (!wanted || rest.length > 1) return unknownCommand(io, rest.join(' '));
    print(io.stdout, formatCommandHelp(wanted.spec));
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    print(io.stdout, globalUsage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) return unknownCommand(io, name);
  if (rest.includes('--help') || rest.includes('-h')) {
    print(io.stdout, formatCommandHelp(command.spec));
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.pointsToHelp ? ` (see vendorwatch help ${name})` : '';
      printError(io, name, `${error.message}${help}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      printError(io, name, error.message);
      return 2;
    }
    if (
      error instanceof PollFailure ||
      error instanceof InstanceLockError ||
      error instanceof ServiceStartError
    ) {
      printError(io, name, error.message);
      return 1;
    }
    // Anything else (a store that cannot be opened, a bug) still ends in one line; the stack
    // is for whoever asks for it.
    const message = error instanceof Error ? error.message : String(error);
    const debug = /^(debug|trace)$/.test(io.env.LOG_LEVEL ?? '');
    printError(
      io,
      name,
      `unexpected error: ${message}${debug ? '' : ' (LOG_LEVEL=debug shows where)'}`,
    );
    if (debug && error instanceof Error && error.stack) print(io.stderr, error.stack);
    return 1;
  }
}

function unknownCommand(io: CommandIo, name: string): number {
  const near = nearestNames(name, Object.keys(commands), 2);
  printError(io, null, `unknown command "${name}"${didYouMean(near)} (see vendorwatch --help)`);
  return 2;
}
