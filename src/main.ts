// The program: the process's arguments, streams and environment handed to the command line,
// which parses them and starts what they ask for (the service itself is wired in app/).
import { endQuietlyOnClosedPipe } from './cli/io.js';
import { runCli } from './cli/main.js';

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => resolve(signal);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

endQuietlyOnClosedPipe(process.stdout, (code) => process.exit(code));

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  untilSignal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `vendorwatch: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
