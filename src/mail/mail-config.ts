import { z } from 'zod';
import { ConfigError } from '../errors.js';

/** SMTP transport for e-mails to visitors (the transcript after a live chat); absent when SMTP_HOST is not set. */
export interface MailConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** The sender, `address@example.com` or `Name <address@example.com>`. */
  from: string;
  timeoutMs: number;
}

const blankAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const SENDER = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

const mailEnvSchema = z.object({
  SMTP_HOST: z.preprocess(blankAsUndefined, z.string().regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or address').optional()),
  SMTP_PORT: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(65535).optional()),
  SMTP_SECURE: z.preprocess(blankAsUndefined, z.enum(['true', 'false']).optional()),
  SMTP_USER: z.preprocess(blankAsUndefined, z.string().optional()),
  SMTP_PASSWORD: z.preprocess(blankAsUndefined, z.string().optional()),
  SMTP_FROM: z.preprocess(blankAsUndefined, z.string().trim().regex(SENDER, 'must be an address, or Name <address>').optional()),
  SMTP_TIMEOUT_MS: z.preprocess(blankAsUndefined, z.coerce.number().int().min(100).default(10_000)),
});

export const MAIL_ENV_VARIABLES: readonly string[] = Object.keys(mailEnvSchema.shape);

/** Reads the SMTP settings; half a configuration (a host without a sender, a user without a password) stops the start. */
export function loadMailConfig(env: Record<string, string | undefined> = process.env): MailConfig | undefined {
  const parsed = mailEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`Invalid SMTP configuration:\n${problems}`);
  }
  const e = parsed.data;
  if (!e.SMTP_HOST) {
    const stray = MAIL_ENV_VARIABLES.filter((name) => name !== 'SMTP_TIMEOUT_MS' && env[name]?.trim());
    if (stray.length > 0) throw new ConfigError(`SMTP_HOST is required when ${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set`);
    return undefined;
  }
  if (!e.SMTP_FROM) throw new ConfigError('SMTP_FROM is required when SMTP_HOST is set');
  if (Boolean(e.SMTP_USER) !== Boolean(e.SMTP_PASSWORD)) throw new ConfigError('SMTP_USER and SMTP_PASSWORD go together');
  const secure = e.SMTP_SECURE === undefined ? e.SMTP_PORT === 465 : e.SMTP_SECURE === 'true';
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    ...(e.SMTP_USER ? { user: e.SMTP_USER, password: e.SMTP_PASSWORD } : {}),
    from: e.SMTP_FROM,
    timeoutMs: e.SMTP_TIMEOUT_MS,
  };
}

/** A visitor's address as the transcript form accepts it (a clear refusal otherwise). */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value);
}
