import type { EnrichmentResult } from '../../enrichment/enrichment.js';

/** One lookup about a lead's company, as stored (GDPR: part of the person's export, erased with them). */
export interface EnrichmentRecord {
  leadId: string;
  conversationId: string;
  /** The visitor's e-mail the domain came from (lower-cased); absent when it came from a website. */
  email?: string;
  domain: string;
  result: EnrichmentResult;
  lookedUpAt: string;
}

/** Lookups, one per lead and domain (a second lookup of the same domain replaces the first). */
export interface EnrichmentRepository {
  save(record: EnrichmentRecord): Promise<void>;
  /** Newest first. */
  forLead(leadId: string): Promise<EnrichmentRecord[]>;
  /** Of these conversations, or naming this e-mail (export). */
  about(query: { conversationIds: readonly string[]; email?: string }): Promise<EnrichmentRecord[]>;
}
