import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BOOKING_ENV_VARIABLES, loadBookingConfig, type BookingConfig } from './booking/booking-config.js';
import { CRM_ENV_VARIABLES, loadCrmConfig, loadCrmOutcomesSecret, type CrmConfig } from './crm/crm-config.js';
import { loadMailConfig, MAIL_ENV_VARIABLES, type MailConfig } from './mail/mail-config.js';
import { ENRICHMENT_ENV_VARIABLES, loadEnrichmentConfig, type EnrichmentConfig } from './enrichment/enrichment-config.js';
import { ConfigError } from './errors.js';
import { isTimeZone, parseBusinessHours } from './handoff/business-hours.js';
import type { HandoffConfig } from './handoff/handoff-config.js';
import type { SlackSdrChannelConfig, TeamsSdrChannelConfig } from './handoff/notifiers/sdr-channel-config.js';
import { LOCALES, type Locale } from './qualification/types.js';

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
  WARM_UP: bool(true),
  SHUTDOWN_GRACE_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(60_000).default(8_000)),

  BOT_RUNTIME: z.preprocess(emptyAsUndefined, z.enum(['botbuilder', 'agents']).default('botbuilder')),
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
  LLM_EVERY_MESSAGE: bool(false),
  LLM_BREAKER_COOLDOWN_MS: int(30_000, 0),

  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()),
  DATABASE_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(500).default(10)),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),

  ALLOWED_ORIGINS: list,
  WIDGET_SECRET: optionalString,
  WIDGET_MAX_MESSAGE_BYTES: int(16_384, 256),
  WIDGET_MESSAGES_PER_MINUTE: int(30, 1),
  WIDGET_MAX_SOCKETS_PER_CONVERSATION: int(5, 1),
  WIDGET_MAX_ACTIVITIES_PER_CONVERSATION: int(1000, 50),

  // --- hardening: rate limits (0 = no limit) and the proxy hops trusted for the client address
  RATE_LIMIT_MESSAGES_PER_MINUTE: int(20),
  RATE_LIMIT_CONVERSATIONS_PER_HOUR: int(30),
  RATE_LIMIT_LLM_CALLS_PER_CONVERSATION: int(30),
  RATE_LIMIT_IP_REQUESTS_PER_MINUTE: int(600),
  TRUST_PROXY_HOPS: int(0),

  PUBLIC_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),

  // --- operations endpoints (/metrics, /readyz): a bearer token and/or a listener of their own
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  METRICS_HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  METRICS_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65_535).optional()),

  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_API_URL: z.preprocess(emptyAsUndefined, z.string().url().default('https://slack.com/api/')),
  SLACK_MIN_SEND_INTERVAL_MS: int(1000),
  SLACK_DEFAULT_LOCALE: z.preprocess(emptyAsUndefined, z.enum(LOCALES).optional()),

  // --- SDR takeover from a Teams channel and a Slack channel (src/handoff/notifiers)
  TEAMS_SDR_CHANNEL_ID: z.preprocess(emptyAsUndefined, z.string().regex(/^19:[^;\s]+@thread\.[a-z0-9]+$/i, 'must be a Teams channel id (19:…@thread.tacv2)').optional()),
  TEAMS_SERVICE_URL: z.preprocess(emptyAsUndefined, z.string().url().default('https://smba.trafficmanager.net/teams/')),
  TEAMS_TENANT_ID: optionalString,
  SLACK_SDR_CHANNEL: z.preprocess(emptyAsUndefined, z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id (C…), not its name').optional()),
  SDR_LOCALE: z.preprocess(emptyAsUndefined, z.enum(LOCALES).default('en')),
  // --- end SDR takeover

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
  CANNED_REPLIES: optionalString,

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
  if (env.SLACK_SDR_CHANNEL && !(env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN)) {
    issues.addIssue({ code: 'custom', path: ['SLACK_SDR_CHANNEL'], message: 'needs the self-hosted Slack app (SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN)' });
  }
});

export type Env = z.input<typeof envSchema>;

/** Every environment variable Qualibot reads (documented in .env.example and the README). */
export const ENV_VARIABLES: readonly string[] = [...Object.keys(envSchema.shape), ...CRM_ENV_VARIABLES, ...ENRICHMENT_ENV_VARIABLES, ...BOOKING_ENV_VARIABLES, ...MAIL_ENV_VARIABLES];

export interface Config {
  port: number;
  host: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  playbook: string;
  /** Compile the language models before listening, so no visitor's first turn waits (off: faster start in development). */
  warmUp: boolean;
  /** On SIGTERM, how long running turns and deliveries may take before the process exits anyway. */
  shutdownGraceMs: number;
  botFramework: {
    /** Which SDK speaks the Bot Framework protocol on /api/messages (README "Runtime and support status"). */
    runtime: 'botbuilder' | 'agents';
    appId?: string;
    appPassword?: string;
    appType: string;
    tenantId?: string;
    authenticated: boolean;
    /** URL prefixes replies may be sent to; empty = the Bot Framework's own hosts. */
    serviceUrlAllowlist: string[];
  };
  llm?: { apiKey: string; baseURL?: string; model: string; timeoutMs: number; rephrase: boolean; everyMessage: boolean; breaker: { coolDownMs: number } };
  storage: { databaseUrl?: string; dataDir: string; poolSize: number };
  widget: { allowedOrigins: string[]; secret: string; maxMessageBytes: number; messagesPerMinute: number; maxSocketsPerConversation: number; maxStoredActivities: number };
  /** Who may read /metrics and /readyz: a bearer token, and/or a separate listener (then not on the public port). */
  operations: { token?: string; listen?: { host: string; port: number } };
  /** Where the bot is reachable from the internet (Teams manifest valid domains, set-up hints). */
  publicUrl?: string;
  /** Self-hosted Slack (Events API); present only when both the signing secret and the bot token are set. */
  slack?: SlackConfig;
  /** Microsoft Teams beyond the Bot Framework channel: the SDR channel handoffs are posted to. */
  teams: { sdrChannel?: TeamsSdrChannelConfig };
  /** Human handoff: SDR assignment timeout, business hours, booking link, SDR session secret. */
  handoff: HandoffConfig;
  /** In-chat meeting booking (BOOKING_* variables, parsed in src/booking/booking-config.ts); absent when BOOKING_CALENDAR is empty. */
  booking?: BookingConfig;
  /** Language of the cards, notices and calendar events SDRs read (SDR_LOCALE). */
  sdrLocale: Locale;
  /** CRM webhook delivery (CRM_* variables, parsed in src/crm/crm-config.ts); absent when CRM_WEBHOOK_URL is not set. */
  crm?: CrmConfig;
  /** Secret of `POST /api/crm/outcomes` (CRM_OUTCOMES_SECRET, else CRM_WEBHOOK_SECRET); the endpoint is off without one. */
  crmOutcomesSecret?: string;
  /** SMTP (SMTP_* variables, src/mail/mail-config.ts): the transcript by e-mail after a live chat; absent without SMTP_HOST. */
  mail?: MailConfig;
  /** Company facts from e-mail domains and websites (ENRICHMENT_* variables, src/enrichment/enrichment-config.ts). */
  enrichment: EnrichmentConfig;
  retention: { transcriptDays: number; leadDays: number; intervalMs: number };
  /** Abuse limits (src/server/rate-limits.ts); 0 switches one off. */
  rateLimits: RateLimitConfig;
}

/** RATE_LIMIT_* and TRUST_PROXY_HOPS. */
export interface RateLimitConfig {
  /** Messages per minute per conversation and per visitor on /api/messages (kind reply beyond). */
  messagesPerMinute: number;
  /** New widget conversations per hour per client IP (429 beyond). */
  conversationsPerHour: number;
  /** LLM calls per conversation; beyond, that conversation is read by the rules extractor only. */
  llmCallsPerConversation: number;
  /** Requests per minute per client IP on the public widget routes, and on /api/messages when unauthenticated (429 with Retry-After beyond). */
  ipRequestsPerMinute: number;
  /** Reverse proxies in front of us whose X-Forwarded-For is trusted (0 = use the socket address). */
  trustProxyHops: number;
}

export interface SlackConfig {
  signingSecret: string;
  botToken: string;
  /** Slack Web API base URL; tests point it at a fake. */
  apiUrl: string;
  /** Pause between two messages to the same Slack channel (Slack allows about one per second). */
  minSendIntervalMs: number;
  /** The channel handoffs are posted to (`SLACK_SDR_CHANNEL`). */
  sdrChannel?: SlackSdrChannelConfig;
  /**
   * Language of a Slack visitor whose Slack locale is neither French nor English and whose first message
   * tells nothing (`SLACK_DEFAULT_LOCALE`); unset, the bot's own default (French).
   */
  defaultLocale?: Locale;
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
    warmUp: e.WARM_UP,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    botFramework: {
      runtime: e.BOT_RUNTIME,
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
      authenticated: Boolean(e.MicrosoftAppId),
      serviceUrlAllowlist: e.SERVICE_URL_ALLOWLIST,
    },
    llm: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          model: e.OPENAI_MODEL,
          timeoutMs: e.LLM_TIMEOUT_MS,
          rephrase: e.LLM_REPHRASE,
          everyMessage: e.LLM_EVERY_MESSAGE,
          breaker: { coolDownMs: e.LLM_BREAKER_COOLDOWN_MS },
        }
      : undefined,
    storage: { databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: e.DATABASE_POOL_SIZE },
    widget: {
      allowedOrigins: e.ALLOWED_ORIGINS,
      // A per-process secret is fine for one instance; several instances must share WIDGET_SECRET.
      secret: e.WIDGET_SECRET ?? randomBytes(32).toString('hex'),
      maxMessageBytes: e.WIDGET_MAX_MESSAGE_BYTES,
      messagesPerMinute: e.WIDGET_MESSAGES_PER_MINUTE,
      maxSocketsPerConversation: e.WIDGET_MAX_SOCKETS_PER_CONVERSATION,
      maxStoredActivities: e.WIDGET_MAX_ACTIVITIES_PER_CONVERSATION,
    },
    operations: {
      ...(e.METRICS_TOKEN ? { token: e.METRICS_TOKEN } : {}),
      ...(e.METRICS_PORT !== undefined ? { listen: { host: e.METRICS_HOST, port: e.METRICS_PORT } } : {}),
    },
    publicUrl: e.PUBLIC_URL,
    slack:
      e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN
        ? {
            signingSecret: e.SLACK_SIGNING_SECRET,
            botToken: e.SLACK_BOT_TOKEN,
            apiUrl: e.SLACK_API_URL,
            minSendIntervalMs: e.SLACK_MIN_SEND_INTERVAL_MS,
            ...(e.SLACK_DEFAULT_LOCALE ? { defaultLocale: e.SLACK_DEFAULT_LOCALE } : {}),
            ...(e.SLACK_SDR_CHANNEL ? { sdrChannel: { channelId: e.SLACK_SDR_CHANNEL, locale: e.SDR_LOCALE } } : {}),
          }
        : undefined,
    teams: {
      sdrChannel: e.TEAMS_SDR_CHANNEL_ID
        ? { channelId: e.TEAMS_SDR_CHANNEL_ID, serviceUrl: e.TEAMS_SERVICE_URL, tenantId: e.TEAMS_TENANT_ID ?? e.MicrosoftAppTenantId, locale: e.SDR_LOCALE }
        : undefined,
    },
    handoff: {
      assignmentTimeoutS: e.HANDOFF_ASSIGNMENT_TIMEOUT_S,
      businessHours: e.BUSINESS_HOURS,
      timeZone: e.TIMEZONE,
      bookingUrl: e.BOOKING_URL,
      // Like WIDGET_SECRET: instances behind one load balancer must share SDR_TOKEN_SECRET.
      tokenSecret: e.SDR_TOKEN_SECRET ?? randomBytes(32).toString('hex'),
      ...(e.CANNED_REPLIES ? { cannedRepliesFile: e.CANNED_REPLIES } : {}),
    },
    booking: loadBookingConfig(env, { hours: e.BUSINESS_HOURS, timeZone: e.TIMEZONE }),
    sdrLocale: e.SDR_LOCALE,
    crm: loadCrmConfig(env),
    crmOutcomesSecret: loadCrmOutcomesSecret(env),
    mail: loadMailConfig(env),
    enrichment: loadEnrichmentConfig(env),
    retention: { transcriptDays: e.RETENTION_TRANSCRIPT_DAYS, leadDays: e.RETENTION_LEAD_DAYS, intervalMs: e.RETENTION_INTERVAL_MINUTES * 60_000 },
    rateLimits: {
      messagesPerMinute: e.RATE_LIMIT_MESSAGES_PER_MINUTE,
      conversationsPerHour: e.RATE_LIMIT_CONVERSATIONS_PER_HOUR,
      llmCallsPerConversation: e.RATE_LIMIT_LLM_CALLS_PER_CONVERSATION,
      ipRequestsPerMinute: e.RATE_LIMIT_IP_REQUESTS_PER_MINUTE,
      trustProxyHops: e.TRUST_PROXY_HOPS,
    },
  };
}
