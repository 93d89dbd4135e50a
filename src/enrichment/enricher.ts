import { classifyDomain, type LookupTarget } from './email-domain.js';
import type { CompanyProfile, EnrichmentAdapter, EnrichmentResult } from './enrichment.js';

/** The built-in check of the domain itself (free-mail and throwaway lists), named in provenance like an adapter. */
export const EMAIL_DOMAIN_ADAPTER = 'email-domain';

/**
 * Looks one domain up: its kind first (offline lists), then every company adapter in order. A free-mail or
 * throwaway domain is no company, so no adapter is asked about it. An adapter that fails is noted and skipped:
 * a lookup never rejects.
 */
export class Enricher {
  constructor(
    private readonly adapters: readonly EnrichmentAdapter[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  async lookup(target: LookupTarget, signal: AbortSignal = new AbortController().signal): Promise<EnrichmentResult> {
    const { freeMail, disposable } = await classifyDomain(target);
    const at = this.now().toISOString();
    const result: EnrichmentResult = {
      domain: target.domain,
      from: target.from,
      lookedUpAt: at,
      freeMail,
      disposable,
      provenance: [{ adapter: EMAIL_DOMAIN_ADAPTER, domain: target.domain, at }],
      failures: [],
    };
    if (freeMail || disposable) return result;
    let company: CompanyProfile | undefined;
    for (const adapter of this.adapters) {
      try {
        const found = await adapter.lookup(target.domain, signal);
        if (!found) continue;
        // The first adapter that knows a field wins: the company's own file before any provider.
        company = { ...found, ...definedOnly(company ?? {}) };
        result.provenance.push({ adapter: adapter.name, domain: target.domain, at: this.now().toISOString() });
      } catch (error) {
        result.failures.push({ adapter: adapter.name, reason: reasonOf(error) });
      }
    }
    if (company) result.company = company;
    return result;
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.name === 'AbortError' || error.name === 'TimeoutError' ? 'timeout' : error.message.slice(0, 200);
  return String(error).slice(0, 200);
}
