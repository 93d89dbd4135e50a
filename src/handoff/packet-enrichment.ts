import { enrichmentDisagreements, type ComparableFact, type EnrichmentDisagreement } from '../enrichment/apply-enrichment.js';
import { accountOwnerOf } from '../enrichment/enrichment-rules.js';
import type { CompanyProfile, EnrichmentProvenance, EnrichmentResult, LeadEnrichment } from '../enrichment/enrichment.js';
import type { Playbook } from '../playbook/schema.js';
import type { SdrRepository } from '../storage/ports/sdrs.js';

/** What the lead card shows of a lookup: the domain's kind, the company, who said it, and where the visitor differs. */
export interface PacketEnrichment {
  domain: string;
  /** `pending`: the lookup was still running when the lead was queued; the card shows it once it lands. */
  status: 'pending' | 'done';
  from?: 'email' | 'website';
  lookedUpAt?: string;
  freeMail?: boolean;
  disposable?: boolean;
  company?: CompanyProfile;
  provenance?: EnrichmentProvenance[];
  failures?: Array<{ adapter: string; reason: string }>;
  /** The visitor's words are kept; where the lookup says otherwise, both are shown. */
  disagreements: EnrichmentDisagreement[];
}

/** An existing customer's account owner: an SDR account when one has that e-mail. */
export interface AccountOwner {
  email: string;
  sdr?: { id: string; name: string };
}

export function packetEnrichment(playbook: Playbook, facts: readonly ComparableFact[], enrichment: LeadEnrichment | undefined): PacketEnrichment | undefined {
  if (!enrichment) return undefined;
  const { result } = enrichment;
  if (!result) return { domain: enrichment.domain, status: 'pending', disagreements: [] };
  return { status: 'done', ...viewOf(result), disagreements: enrichmentDisagreements(playbook, byDimension(facts), result) };
}

/** The account owner of an existing customer, when the playbook routes them to it (`enrichment.existingCustomer`). */
export async function accountOwnerFor(playbook: Playbook, result: EnrichmentResult | undefined, sdrs: Pick<SdrRepository, 'findByEmail'>): Promise<AccountOwner | undefined> {
  const email = accountOwnerOf(playbook, { facts: {}, contradictions: {}, unclear: [], knockouts: [], ...(result ? { enrichment: { domain: result.domain, status: 'done', result } } : {}) });
  if (!email) return undefined;
  const sdr = await sdrs.findByEmail(email);
  return sdr ? { email, sdr: { id: sdr.id, name: sdr.name } } : { email };
}

function viewOf(result: EnrichmentResult): Omit<PacketEnrichment, 'status' | 'disagreements'> {
  return {
    domain: result.domain,
    from: result.from,
    lookedUpAt: result.lookedUpAt,
    freeMail: result.freeMail,
    disposable: result.disposable,
    ...(result.company ? { company: result.company } : {}),
    provenance: result.provenance,
    failures: result.failures,
  };
}

function byDimension(facts: readonly ComparableFact[]): Record<string, ComparableFact> {
  return Object.fromEntries(facts.map((fact) => [fact.dimension, fact]));
}
