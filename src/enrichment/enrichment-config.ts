import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { httpEnrichmentConfigSchema, type HttpEnrichmentConfig } from './http-enrichment-adapter.js';

/** Enrichment settings (ENRICHMENT_* variables); the free-mail and throwaway checks need none and are always on. */
export interface EnrichmentConfig {
  /** The longest a visitor's turn waits for a lookup. */
  timeoutMs: number;
  /** The company's own file of accounts (CSV or JSON), checked at start-up. */
  companyFile?: string;
  http?: HttpEnrichmentConfig;
}

const blankAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = z.preprocess(blankAsUndefined, z.string().optional());

const enrichmentEnvSchema = z.object({
  ENRICHMENT_TIMEOUT_MS: z.preprocess(blankAsUndefined, z.coerce.number().int().min(0).max(10_000).default(800)),
  ENRICHMENT_COMPANY_FILE: optional,
  ENRICHMENT_HTTP_URL: optional,
  ENRICHMENT_HTTP_KEY_HEADER: optional,
  ENRICHMENT_HTTP_KEY: optional,
  ENRICHMENT_HTTP_FIELDS: optional,
  ENRICHMENT_HTTP_TIMEOUT_MS: z.preprocess(blankAsUndefined, z.coerce.number().int().optional()),
});

export const ENRICHMENT_ENV_VARIABLES: readonly string[] = Object.keys(enrichmentEnvSchema.shape);

/**
 * Reads the ENRICHMENT_* variables. `ENRICHMENT_HTTP_FIELDS` maps company fields to dotted paths of the provider's
 * answer: `name=company.name,employees=company.metrics.employees,sector=company.category.industry`.
 */
export function loadEnrichmentConfig(env: Record<string, string | undefined> = process.env): EnrichmentConfig {
  const parsed = enrichmentEnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid enrichment configuration:\n${problemsOf(parsed.error, '')}`);
  const e = parsed.data;
  const config: EnrichmentConfig = { timeoutMs: e.ENRICHMENT_TIMEOUT_MS };
  if (e.ENRICHMENT_COMPANY_FILE) config.companyFile = e.ENRICHMENT_COMPANY_FILE;
  const httpVariables = [e.ENRICHMENT_HTTP_KEY_HEADER, e.ENRICHMENT_HTTP_KEY, e.ENRICHMENT_HTTP_FIELDS, e.ENRICHMENT_HTTP_TIMEOUT_MS];
  if (!e.ENRICHMENT_HTTP_URL) {
    if (httpVariables.some((value) => value !== undefined)) throw new ConfigError('Invalid enrichment configuration:\n  - ENRICHMENT_HTTP_URL: required by the other ENRICHMENT_HTTP_* variables');
    return config;
  }
  const http = httpEnrichmentConfigSchema.safeParse({
    url: e.ENRICHMENT_HTTP_URL,
    ...(e.ENRICHMENT_HTTP_KEY_HEADER ? { apiKeyHeader: e.ENRICHMENT_HTTP_KEY_HEADER } : {}),
    ...(e.ENRICHMENT_HTTP_KEY ? { apiKey: e.ENRICHMENT_HTTP_KEY } : {}),
    fields: fieldsOf(e.ENRICHMENT_HTTP_FIELDS ?? ''),
    ...(e.ENRICHMENT_HTTP_TIMEOUT_MS !== undefined ? { timeoutMs: e.ENRICHMENT_HTTP_TIMEOUT_MS } : {}),
  });
  if (!http.success) throw new ConfigError(`Invalid enrichment configuration:\n${problemsOf(http.error, 'ENRICHMENT_HTTP')}`);
  config.http = http.data;
  return config;
}

/** `name=a.b,employees=c` → `{ name: 'a.b', employees: 'c' }` (unknown names are refused by the schema). */
function fieldsOf(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of text.split(',').map((item) => item.trim()).filter(Boolean)) {
    const [name, path] = pair.split('=').map((part) => part.trim());
    if (name) fields[name] = path ?? '';
  }
  return fields;
}

const VARIABLE_OF: Record<string, string> = { url: 'URL', apiKeyHeader: 'KEY_HEADER', apiKey: 'KEY', fields: 'FIELDS', timeoutMs: 'TIMEOUT_MS' };

function problemsOf(error: z.ZodError, prefix: string): string {
  return error.issues
    .map((issue) => {
      const [first, ...rest] = issue.path.map(String);
      const variable = prefix && first ? `${prefix}_${VARIABLE_OF[first] ?? first}${rest.length ? ` (${rest.join('.')})` : ''}` : issue.path.join('.');
      return `  - ${variable}: ${issue.message}`;
    })
    .join('\n');
}
