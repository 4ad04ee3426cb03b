// What a command needs from the outside world, passed in so commands run inside tests too.
import { loadConfig, type AppConfig } from '../config/load.js';

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Read only by commands that say so (`user add --password-stdin`). */
  stdin?: NodeJS.ReadableStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  untilSignal(): Promise<string>;
}

export function print(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * The one shape of every error and warning the command line prints: one line on stderr,
 * `vendorwatch <command>: <what went wrong>[; what to do]`, lowercase after the colon.
 */
export function printError(io: Pick<CommandIo, 'stderr'>, command: string | null, message: string) {
  const line = message.replace(/\s*\n\s*/g, ' ').trim();
  print(io.stderr, `vendorwatch${command ? ` ${command}` : ''}: ${line}`);
}

/**
 * A reader that went away (`vendorwatch vendors | head -1`) has what it wanted: end at once and
 * quietly, as a SIGPIPE would, instead of an unhandled EPIPE with a stack.
 */
export function endQuietlyOnClosedPipe(
  stream: NodeJS.WritableStream,
  exit: (code: number) => void,
): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    exit(0);
  });
}

export function configFor(
  io: CommandIo,
  values: { config?: string | undefined; db?: string | undefined },
  overrides: { port?: number | undefined; host?: string | undefined } = {},
): AppConfig {
  return loadConfig({
    env: io.env,
    cwd: io.cwd,
    ...(values.config ? { path: values.config } : {}),
    overrides: {
      ...(values.db ? { database: values.db } : {}),
      ...(overrides.port !== undefined ? { port: overrides.port } : {}),
      ...(overrides.host ? { host: overrides.host } : {}),
    },
  });
}
