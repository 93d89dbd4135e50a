import { kindOf } from '../dimensions/index.js';
import type { Playbook } from '../playbook/schema.js';
import type { LeadState } from '../qualification/lead-state.js';
import type { Fact, FactSheet } from '../qualification/types.js';
import type { EnrichmentResult } from './enrichment.js';

/** The parts of a fact a disagreement is read from (a stored fact or a lead packet's). */
export type ComparableFact = Pick<Fact, 'dimension' | 'source' | 'evidence' | 'headcount' | 'sector'>;

/** How sure an enrichment fact is: below a visitor's clear answer's weight in people's minds, above a hint. */
const ENRICHMENT_CONFIDENCE = 0.9;

/**
 * Folds a lookup into the lead: kept on the fact sheet, and — when the playbook lets it — the company dimension
 * filled from it where the visitor has said nothing (no fact, no contradiction), so the bot does not ask it.
 * The visitor's own answer, before or after, always wins (fact-sheet.ts `absorbFacts`).
 */
export function applyEnrichment(playbook: Playbook, lead: LeadState, result: EnrichmentResult): LeadState {
  const sheet: FactSheet = { ...lead.sheet, enrichment: { domain: result.domain, status: 'done', result } };
  // A fact looked up for another domain (the visitor gave a new address) is no longer about this company.
  sheet.facts = Object.fromEntries(Object.entries(sheet.facts).filter(([, fact]) => fact.source !== 'enrichment' || fact.provenance?.domain === result.domain));
  const company = result.company;
  if (playbook.enrichment.fillCompany && company?.employees !== undefined) {
    const answering = [...result.provenance].reverse().find((item) => item.adapter !== 'email-domain') ?? result.provenance[0]!;
    for (const dimension of playbook.dimensions) {
      if (dimension.kind !== 'company' || sheet.facts[dimension.id] || sheet.contradictions[dimension.id]) continue;
      const fact: Fact = {
        dimension: dimension.id,
        value: dimension.levels[0]!.id,
        evidence: [company.name, result.domain].filter(Boolean).join(' — '),
        confidence: ENRICHMENT_CONFIDENCE,
        source: 'enrichment',
        turn: lead.turn,
        headcount: company.employees,
        provenance: answering,
      };
      if (company.sector) fact.sector = company.sector;
      fact.value = kindOf(dimension).effectiveLevel?.(playbook, dimension, fact)?.levelId ?? fact.value;
      sheet.facts = { ...sheet.facts, [dimension.id]: fact };
      sheet.unclear = sheet.unclear.filter((id) => id !== dimension.id);
    }
  }
  return { ...lead, sheet };
}

/** A company fact the visitor stated that enrichment contradicts: shown side by side on the lead card. */
export interface EnrichmentDisagreement {
  dimension: string;
  field: 'employees' | 'sector';
  /** What the visitor said (their value), and their words. */
  visitor: string;
  evidence: string;
  /** What was looked up, and where from. */
  enrichment: string;
  adapter: string;
}

/**
 * Where the visitor's words and the lookup differ (the visitor's fact is kept; the difference is not hidden): a
 * headcount on the other side of the ICP minimum or more than twice apart, a sector neither name contains.
 */
export function enrichmentDisagreements(playbook: Playbook, facts: Record<string, ComparableFact>, result: EnrichmentResult | undefined): EnrichmentDisagreement[] {
  const company = result?.company;
  if (!result || !company) return [];
  const adapter = [...result.provenance].reverse().find((item) => item.adapter !== 'email-domain')?.adapter ?? 'email-domain';
  const found: EnrichmentDisagreement[] = [];
  for (const dimension of playbook.dimensions) {
    const fact = facts[dimension.id];
    if (dimension.kind !== 'company' || !fact || fact.source === 'enrichment') continue;
    if (fact.headcount !== undefined && company.employees !== undefined) {
      const min = playbook.icp.minEmployees;
      const otherSide = fact.headcount >= min !== company.employees >= min;
      const ratio = Math.max(fact.headcount, company.employees) / Math.max(1, Math.min(fact.headcount, company.employees));
      if (otherSide || ratio > 2) found.push({ dimension: dimension.id, field: 'employees', visitor: String(fact.headcount), evidence: fact.evidence, enrichment: String(company.employees), adapter });
    }
    if (fact.sector && company.sector) {
      const [said, looked] = [fact.sector.toLowerCase(), company.sector.toLowerCase()];
      if (!said.includes(looked) && !looked.includes(said)) found.push({ dimension: dimension.id, field: 'sector', visitor: fact.sector, evidence: fact.evidence, enrichment: company.sector, adapter });
    }
  }
  return found;
}
