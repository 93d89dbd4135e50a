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
          const masked = args.map((arg) => (typeof arg === 'string' ? maskPii(arg) : arg)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}
