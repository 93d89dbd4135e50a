import pino, { type DestinationStream, type Logger } from 'pino';
import { maskDeep, maskPii } from './privacy/mask-pii.js';

export type { Logger } from 'pino';

/**
 * Structured logs with PII removed twice: known sensitive fields are redacted by path, and every
 * remaining string is masked, because visitor text can end up anywhere (errors, activity dumps).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'qualibot' },
      redact: {
        paths: ['*.email', '*.phone', '*.password', '*.passwordHash', '*.token', 'contact', '*.contact', 'text', '*.text', 'req.headers.authorization'],
        censor: '[redacted]',
      },
      formatters: { log: (object) => maskDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? maskPii(arg) : arg)) as unknown[];
          // Without a message, pino copies the error's own message into `msg`, past the formatter: give it the masked one.
          const error = errorOf(masked[0]);
          if (error && masked.length === 1) masked.push(maskPii(error.message));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

/** The error a log call is about: the argument itself, or its `err` field. */
function errorOf(arg: unknown): Error | undefined {
  if (arg instanceof Error) return arg;
  const err = arg !== null && typeof arg === 'object' ? (arg as { err?: unknown }).err : undefined;
  return err instanceof Error ? err : undefined;
}
