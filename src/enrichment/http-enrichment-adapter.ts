import { z } from 'zod';
import type { CompanyProfile, EnrichmentAdapter } from './enrichment.js';

/** A dotted path into the provider's JSON answer (`data.company.metrics.employees`). */
const jsonPath = z.string().trim().regex(/^[A-Za-z0-9_$-]+(?:\.[A-Za-z0-9_$-]+)*$/, 'must be a dotted path such as data.company.name');

/**
 * A generic JSON-over-HTTP enrichment API: GET `url` with `{domain}` replaced, the key in one header, and where each
 * company field is in the answer. Validated at start-up (ENRICHMENT_HTTP_* variables, src/config.ts).
 */
export const httpEnrichmentConfigSchema = z
  .object({
    url: z
      .string()
      .url()
      .refine((url) => url.includes('{domain}'), { message: 'must contain {domain}, e.g. https://api.example.com/v1/companies?domain={domain}' })
      .refine((url) => /^https?:\/\//.test(url), { message: 'must be an http(s) URL' }),
    apiKeyHeader: z.string().trim().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name').default('Authorization'),
    apiKey: z.string().min(1).optional(),
    fields: z
      .object({ name: jsonPath.optional(), employees: jsonPath.optional(), sector: jsonPath.optional() })
      .strict()
      .refine((fields) => Object.values(fields).some(Boolean), { message: 'map at least one of name, employees, sector' }),
    /** A lookup still running after this long is abandoned (the turn never waits this long: see ENRICHMENT_TIMEOUT_MS). */
    timeoutMs: z.number().int().min(100).default(10_000),
  })
  .strict();

export type HttpEnrichmentConfig = z.infer<typeof httpEnrichmentConfigSchema>;

/** The largest answer read: an enrichment record is a few kilobytes. */
const MAX_BODY_BYTES = 256 * 1024;

/** A provider answer that cannot be used (an HTTP error, not JSON, a field of the wrong type). */
export class EnrichmentProviderError extends Error {
  readonly code = 'enrichment_provider';
}

export class HttpEnrichmentAdapter implements EnrichmentAdapter {
  readonly name = 'http';

  constructor(
    private readonly config: HttpEnrichmentConfig,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async lookup(domain: string, signal: AbortSignal): Promise<CompanyProfile | undefined> {
    const url = this.config.url.replaceAll('{domain}', encodeURIComponent(domain));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.config.apiKey) headers[this.config.apiKeyHeader] = this.config.apiKey;
    const response = await this.fetchImpl(url, { headers, signal: AbortSignal.any([signal, AbortSignal.timeout(this.config.timeoutMs)]), redirect: 'error' });
    // Unknown company: a normal answer, not a failure.
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new EnrichmentProviderError(`HTTP ${response.status}`);
    }
    const text = await response.text();
    if (text.length > MAX_BODY_BYTES) throw new EnrichmentProviderError('answer too large');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new EnrichmentProviderError('answer is not JSON');
    }
    if (!body || typeof body !== 'object') throw new EnrichmentProviderError('answer is not a JSON object');
    return this.mapFields(body);
  }

  private mapFields(body: object): CompanyProfile | undefined {
    const { fields } = this.config;
    const profile: CompanyProfile = {};
    const name = fields.name ? at(body, fields.name) : undefined;
    const employees = fields.employees ? at(body, fields.employees) : undefined;
    const sector = fields.sector ? at(body, fields.sector) : undefined;
    if (name !== undefined && name !== null) {
      if (typeof name !== 'string') throw new EnrichmentProviderError(`${fields.name} is not a string`);
      if (name.trim()) profile.name = name.trim().slice(0, 120);
    }
    if (employees !== undefined && employees !== null) profile.employees = headcountOf(employees, fields.employees!);
    if (sector !== undefined && sector !== null) {
      if (typeof sector !== 'string') throw new EnrichmentProviderError(`${fields.sector} is not a string`);
      if (sector.trim()) profile.sector = sector.trim().slice(0, 80);
    }
    return Object.keys(profile).length > 0 ? profile : undefined;
  }
}

function at(body: object, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split('.')) {
    if (!value || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A number of employees, or a range such as "51-200" or "1000+" (its lower bound, as for a visitor's range). */
function headcountOf(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.round(value);
  const range = typeof value === 'string' ? /^\s*(\d[\d\s,]*)\s*(?:[-–]\s*\d[\d\s,]*|\+)?\s*$/.exec(value) : null;
  if (range) return Number(range[1]!.replace(/\D/g, ''));
  throw new EnrichmentProviderError(`${path} is not a number of employees`);
}
