import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { DEFAULT_CRM_FIELDS, parseFieldList } from './pick-allowed.js';

/** CRM delivery settings; absent when `CRM_WEBHOOK_URL` is not set (the outbox then just accumulates nothing). */
export interface CrmConfig {
  webhookUrl: string;
  secret: string;
  fields: string[];
  timeoutMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  pollIntervalMs: number;
}

const blankAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const int = (fallback: number, min: number) => z.preprocess(blankAsUndefined, z.coerce.number().int().min(min).default(fallback));

const crmEnvSchema = z.object({
  CRM_WEBHOOK_URL: z.preprocess(blankAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  CRM_WEBHOOK_SECRET: z.preprocess(blankAsUndefined, z.string().min(16, 'use at least 16 characters').optional()),
  CRM_FIELDS: z.preprocess(blankAsUndefined, z.string().optional()),
  CRM_TIMEOUT_MS: int(10_000, 100),
  CRM_MAX_ATTEMPTS: int(8, 1),
  CRM_RETRY_BASE_MS: int(2000, 1),
  CRM_RETRY_MAX_MS: int(15 * 60_000, 1),
  CRM_POLL_INTERVAL_MS: int(1000, 10),
  /** Signs what the CRM posts to /api/crm/outcomes (default: CRM_WEBHOOK_SECRET). */
  CRM_OUTCOMES_SECRET: z.preprocess(blankAsUndefined, z.string().min(16, 'use at least 16 characters').optional()),
});

export const CRM_ENV_VARIABLES: readonly string[] = Object.keys(crmEnvSchema.shape);

/** The secret of the inbound outcome endpoint; undefined (endpoint off) when neither secret is set. */
export function loadCrmOutcomesSecret(env: Record<string, string | undefined> = process.env): string | undefined {
  const parsed = crmEnvSchema.safeParse(env);
  if (!parsed.success) return undefined; // loadCrmConfig reports the same problems, naming the variables
  return parsed.data.CRM_OUTCOMES_SECRET ?? parsed.data.CRM_WEBHOOK_SECRET;
}

/**
 * Reads the CRM settings from the environment. A webhook URL without a secret is refused: an unsigned
 * webhook would let anyone who learns the URL inject fake leads into the CRM.
 */
export function loadCrmConfig(env: Record<string, string | undefined> = process.env): CrmConfig | undefined {
  const parsed = crmEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`Invalid CRM configuration:\n${problems}`);
  }
  const e = parsed.data;
  if (!e.CRM_WEBHOOK_URL) return undefined;
  if (!e.CRM_WEBHOOK_SECRET) throw new ConfigError('CRM_WEBHOOK_SECRET is required when CRM_WEBHOOK_URL is set');
  const fields = e.CRM_FIELDS === undefined ? [...DEFAULT_CRM_FIELDS] : parseFieldList(e.CRM_FIELDS);
  return {
    webhookUrl: e.CRM_WEBHOOK_URL,
    secret: e.CRM_WEBHOOK_SECRET,
    fields,
    timeoutMs: e.CRM_TIMEOUT_MS,
    maxAttempts: e.CRM_MAX_ATTEMPTS,
    baseDelayMs: e.CRM_RETRY_BASE_MS,
    maxDelayMs: Math.max(e.CRM_RETRY_MAX_MS, e.CRM_RETRY_BASE_MS),
    pollIntervalMs: e.CRM_POLL_INTERVAL_MS,
  };
}
