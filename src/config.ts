import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CRM_ENV_VARIABLES, loadCrmConfig, type CrmConfig } from './crm/crm-config.js';
import { ConfigError } from './errors.js';
import { isTimeZone, parseBusinessHours } from './handoff/business-hours.js';
import type { HandoffConfig } from './handoff/handoff-config.js';

/**
 * The whole configuration, parsed once from the environment. `.env.example` mirrors it line for line.
 * A bad value stops start-up with the variable named.
 */
const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const bool = (fallback: boolean) =>
  z.preprocess(emptyAsUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional()).transform((value) =>
    value === undefined ? fallback : ['true', '1', 'yes'].includes(value),
  );
const int = (fallback: number, min = 0) => z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).default(fallback));
const list = z.preprocess(emptyAsUndefined, z.string().optional()).transform((value) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const envSchema = z.object({
  PORT: int(3978),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  PLAYBOOK: z.preprocess(emptyAsUndefined, z.string().default('champ')),

  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(emptyAsUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
  MicrosoftAppTenantId: optionalString,

  SERVICE_URL_ALLOWLIST: list,

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  OPENAI_MODEL: z.preprocess(emptyAsUndefined, z.string().default('gpt-4o-mini')),
  LLM_TIMEOUT_MS: int(8000, 100),
  LLM_REPHRASE: bool(false),

  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),

  ALLOWED_ORIGINS: list,
  WIDGET_SECRET: optionalString,
  WIDGET_MAX_MESSAGE_BYTES: int(16_384, 256),
  WIDGET_MESSAGES_PER_MINUTE: int(30, 1),

  PUBLIC_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),

  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_API_URL: z.preprocess(emptyAsUndefined, z.string().url().default('https://slack.com/api/')),
  SLACK_MIN_SEND_INTERVAL_MS: int(1000),

  HANDOFF_ASSIGNMENT_TIMEOUT_S: int(120, 1),
  BUSINESS_HOURS: z.preprocess(emptyAsUndefined, z.string().optional()).transform((value, ctx) => {
    try {
      return parseBusinessHours(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  }),
  TIMEZONE: z.preprocess(emptyAsUndefined, z.string().default('Europe/Paris')).refine(isTimeZone, 'is not an IANA time zone (e.g. Europe/Paris)'),
  BOOKING_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  SDR_TOKEN_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16, 'use at least 16 characters').optional()),

  // Defaults follow common EU guidance: 13 months for conversation content, 3 years for prospect records.
  RETENTION_TRANSCRIPT_DAYS: int(396, 1),
  RETENTION_LEAD_DAYS: int(1095, 1),
  RETENTION_INTERVAL_MINUTES: int(360, 1),
}).superRefine((env, issues) => {
  // Half a Slack configuration is a mistake worth stopping for, not a silently disabled channel.
  if (Boolean(env.SLACK_SIGNING_SECRET) !== Boolean(env.SLACK_BOT_TOKEN)) {
    const missing = env.SLACK_SIGNING_SECRET ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET';
    issues.addIssue({ code: 'custom', path: [missing], message: 'required when the other Slack variable is set' });
  }
});

export type Env = z.input<typeof envSchema>;

/** Every environment variable Qualibot reads (documented in .env.example and the README). */
export const ENV_VARIABLES: readonly string[] = [...Object.keys(envSchema.shape), ...CRM_ENV_VARIABLES];

export interface Config {
  port: number;
  host: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  playbook: string;
  botFramework: {
    appId?: string;
    appPassword?: string;
    appType: string;
    tenantId?: string;
    authenticated: boolean;
    /** URL prefixes replies may be sent to; empty = the Bot Framework's own hosts. */
    serviceUrlAllowlist: string[];
  };
  llm?: { apiKey: string; baseURL?: string; model: string; timeoutMs: number; rephrase: boolean };
  storage: { databaseUrl?: string; dataDir: string };
  widget: { allowedOrigins: string[]; secret: string; maxMessageBytes: number; messagesPerMinute: number };
  /** Where the bot is reachable from the internet (Teams manifest valid domains, set-up hints). */
  publicUrl?: string;
  /** Self-hosted Slack (Events API); present only when both the signing secret and the bot token are set. */
  slack?: SlackConfig;
  /** Human handoff: SDR assignment timeout, business hours, booking link, SDR session secret. */
  handoff: HandoffConfig;
  /** CRM webhook delivery (CRM_* variables, parsed in src/crm/crm-config.ts); absent when CRM_WEBHOOK_URL is not set. */
  crm?: CrmConfig;
  retention: { transcriptDays: number; leadDays: number; intervalMs: number };
}

export interface SlackConfig {
  signingSecret: string;
  botToken: string;
  /** Slack Web API base URL; tests point it at a fake. */
  apiUrl: string;
  /** Pause between two messages to the same Slack channel (Slack allows about one per second). */
  minSendIntervalMs: number;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    playbook: e.PLAYBOOK,
    botFramework: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
      authenticated: Boolean(e.MicrosoftAppId),
      serviceUrlAllowlist: e.SERVICE_URL_ALLOWLIST,
    },
    llm: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.LLM_TIMEOUT_MS, rephrase: e.LLM_REPHRASE }
      : undefined,
    storage: { databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR },
    widget: {
      allowedOrigins: e.ALLOWED_ORIGINS,
      // A per-process secret is fine for one instance; several instances must share WIDGET_SECRET.
      secret: e.WIDGET_SECRET ?? randomBytes(32).toString('hex'),
      maxMessageBytes: e.WIDGET_MAX_MESSAGE_BYTES,
      messagesPerMinute: e.WIDGET_MESSAGES_PER_MINUTE,
    },
    publicUrl: e.PUBLIC_URL,
    slack:
      e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN
        ? { signingSecret: e.SLACK_SIGNING_SECRET, botToken: e.SLACK_BOT_TOKEN, apiUrl: e.SLACK_API_URL, minSendIntervalMs: e.SLACK_MIN_SEND_INTERVAL_MS }
        : undefined,
    handoff: {
      assignmentTimeoutS: e.HANDOFF_ASSIGNMENT_TIMEOUT_S,
      businessHours: e.BUSINESS_HOURS,
      timeZone: e.TIMEZONE,
      bookingUrl: e.BOOKING_URL,
      // Like WIDGET_SECRET: instances behind one load balancer must share SDR_TOKEN_SECRET.
      tokenSecret: e.SDR_TOKEN_SECRET ?? randomBytes(32).toString('hex'),
    },
    crm: loadCrmConfig(env),
    retention: { transcriptDays: e.RETENTION_TRANSCRIPT_DAYS, leadDays: e.RETENTION_LEAD_DAYS, intervalMs: e.RETENTION_INTERVAL_MINUTES * 60_000 },
  };
}
