// Argument parsing shared by the commands: strict, with one clear line on misuse (exit code 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
  /** False when the message already says what to do next (e.g. the names that were meant). */
  readonly pointsToHelp: boolean;

  constructor(message: string, options: { pointsToHelp?: boolean } = {}) {
    super(message);
    this.pointsToHelp = options.pointsToHelp ?? true;
  }
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * One command's usage next to the options it parses, so `help CMD` and the parser never drift:
 * every option must be described (the type checker says so when one is added).
 */
export interface CommandSpec<T extends OptionSpec> {
  synopsis: string;
  summary: string;
  options: T;
  help: { [K in keyof T]: { arg?: string; text: string } };
}

export function defineCommand<const T extends OptionSpec>(spec: CommandSpec<T>): CommandSpec<T> {
  return spec;
}

const commonHelp = [
  ['--config FILE', 'config file (default ./vendorwatch.yaml, env VENDORWATCH_CONFIG)'],
  ['--db PATH|URL', 'SQLite file or PostgreSQL URL, instead of the config'],
  ['-h, --help', 'this text'],
] as const;

/** The text `vendorwatch help CMD` and `vendorwatch CMD --help` print. */
export function formatCommandHelp(spec: CommandSpec<OptionSpec>): string {
  const rows: [string, string][] = Object.entries(spec.help).map(([key, { arg, text }]) => [
    `--${key}${arg ? ` ${arg}` : ''}`,
    text,
  ]);
  rows.push(...commonHelp.map(([flag, text]): [string, string] => [flag, text]));
  const width = Math.max(...rows.map(([flag]) => flag.length));
  const lines = rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
  return [`Usage: vendorwatch ${spec.synopsis}`, '', spec.summary, '', 'Options:', ...lines].join(
    '\n',
  );
}

/** Options every command takes. */
const commonOptions = {
  config: { type: 'string' },
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

export function parseCommandArgs<T extends OptionSpec>(
  argv: string[],
  options: T,
  maxPositionals: number,
) {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...commonOptions, ...options },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.positionals.length > maxPositionals) {
      throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`);
    }
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // node:util's own wording ("Unknown option '--x'. To specify…"): its first sentence, in ours.
    const first = (error instanceof Error ? error.message : String(error)).split(/\n|\. /)[0]!;
    throw new UsageError(first.charAt(0).toLowerCase() + first.slice(1));
  }
}

export function parseIntegerOption(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer between ${min} and ${max}, got "${value}"`);
  }
  return n;
}
