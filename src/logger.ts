// Structured logs (pino) that never carry secrets: URL paths and tokens are redacted.
import { pino, type Logger } from 'pino';

export type { Logger };

/** Webhook URLs carry their secret in the path; logs keep only scheme and host. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return '[unparseable url]';
  }
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'vendorwatch' },
      redact: {
        paths: [
          'secret',
          '*.secret',
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'routingKey',
          '*.routingKey',
          'smtp',
          '*.smtp',
          'password',
          '*.password',
          'cookie',
          '*.cookie',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ dest: 2, sync: false }),
  );
}
