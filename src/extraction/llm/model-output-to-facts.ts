import type { Playbook } from '../../playbook/schema.js';
import type { Amount, Contact, Fact, KnockoutHit } from '../../qualification/types.js';
import { containsCanary } from './canary.js';
import type { ModelFact, ModelOutput } from './extraction-schema.js';
import type { GroundingInput } from './grounding.js';

/**
 * Turns a parsed model answer into candidate facts (source `llm`), before grounding.
 * Only dimensions and knockouts of the playbook are read; numbers are tidied (currency code,
 * confidence within 0..1), never invented: a missing period or currency gets the neutral default.
 */
export function modelOutputToCandidates(output: ModelOutput, playbook: Playbook, turn: number): GroundingInput {
  const facts: Fact[] = [];
  for (const dimension of playbook.dimensions) {
    const raw = output.facts?.[dimension.id];
    if (!raw) continue;
    const fact: Fact = {
      dimension: dimension.id,
      value: raw.level,
      evidence: raw.evidence.trim(),
      confidence: clamp01(raw.confidence),
      source: 'llm',
      turn,
    };
    if (dimension.kind === 'budget') {
      const amount = amountOf(raw, playbook.currency);
      if (amount) fact.amount = amount;
    }
    if (dimension.kind === 'timeline' && isCount(raw.months)) fact.months = raw.months;
    if (dimension.kind === 'company') {
      if (isCount(raw.headcount)) fact.headcount = Math.round(raw.headcount);
      const sector = raw.sector?.replace(/\s+/g, ' ').trim();
      // Free text not grounded verbatim (the model may name the sector), so at least never a prompt leak.
      if (sector && !containsCanary(sector)) fact.sector = sector.slice(0, 80);
    }
    facts.push(fact);
  }
  const seen = new Set<string>();
  const knockouts: KnockoutHit[] = [];
  for (const hit of output.knockouts ?? []) {
    if (seen.has(hit.id)) continue;
    seen.add(hit.id);
    knockouts.push({ id: hit.id, evidence: hit.evidence.trim(), turn, source: 'llm' });
  }
  return { facts, knockouts, contact: contactOf(output.contact) };
}

function amountOf(raw: ModelFact, defaultCurrency: string): Amount | undefined {
  if (!isCount(raw.amount)) return undefined;
  const amount: Amount = { value: raw.amount, currency: currencyCode(raw.currency, defaultCurrency), period: raw.period ?? 'once' };
  if (isCount(raw.amountUpTo) && raw.amountUpTo > raw.amount) amount.upTo = raw.amountUpTo;
  return amount;
}

const CURRENCY_ALIASES: Record<string, string> = { '€': 'EUR', EURO: 'EUR', EUROS: 'EUR', $: 'USD', 'US$': 'USD', '£': 'GBP', 'K€': 'EUR' };

function currencyCode(raw: string | null | undefined, fallback: string): string {
  const value = (raw ?? '').trim().toUpperCase();
  const code = CURRENCY_ALIASES[value] ?? value;
  return /^[A-Z]{3}$/.test(code) ? code : fallback;
}

function contactOf(raw: ModelOutput['contact']): Contact {
  const contact: Contact = {};
  for (const field of ['email', 'phone', 'name'] as const) {
    const value = raw?.[field]?.trim();
    if (value) contact[field] = value;
  }
  return contact;
}

function isCount(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
