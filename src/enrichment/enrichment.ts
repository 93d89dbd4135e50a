/**
 * Enrichment: what is known about a visitor's company before asking, from their e-mail domain or website.
 * Plain data, stored with the lead and in the person's export.
 */

/** What one adapter knows about a company (every field optional: adapters know different things). */
export interface CompanyProfile {
  name?: string;
  employees?: number;
  sector?: string;
  /** The company is already a customer (from the company's own file). */
  existingCustomer?: boolean;
  /** E-mail of the account owner (an SDR), for an existing customer. */
  ownerEmail?: string;
}

/** Which adapter said something, about which domain, when. */
export interface EnrichmentProvenance {
  adapter: string;
  domain: string;
  at: string;
}

/** The outcome of one lookup: the domain's kind, what the adapters said (merged), and who said it. */
export interface EnrichmentResult {
  /** The registrable domain looked up (`acme.co.uk` for `jane@mail.acme.co.uk`). */
  domain: string;
  /** Where the domain came from. */
  from: 'email' | 'website';
  lookedUpAt: string;
  /** A free-mail provider (gmail.com, orange.fr…): it says nothing about a company, and lowers nothing by itself. */
  freeMail: boolean;
  /** A throwaway-address provider (yopmail.com…). */
  disposable: boolean;
  /** Merged answer of the adapters, the first adapter's field winning (the company's own file comes first). */
  company?: CompanyProfile;
  provenance: EnrichmentProvenance[];
  /** Adapters that failed or timed out (the turn went on without them). */
  failures: Array<{ adapter: string; reason: string }>;
}

/** The enrichment of a lead as the fact sheet holds it: `pending` while a slow lookup is still running. */
export interface LeadEnrichment {
  domain: string;
  status: 'pending' | 'done';
  result?: EnrichmentResult;
}

/**
 * One source of company facts behind a narrow port: the company's own file, an enrichment API…
 * `lookup` resolves undefined when it knows nothing of the domain, and rejects on failure; it must stop when
 * `signal` aborts.
 */
export interface EnrichmentAdapter {
  readonly name: string;
  lookup(domain: string, signal: AbortSignal): Promise<CompanyProfile | undefined>;
}
