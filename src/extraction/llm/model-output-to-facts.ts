import type { Playbook } from '../../playbook/schema.js';
import { kindOf } from '../../dimensions/index.js';
import type { Contact, Fact, KnockoutHit } from '../../qualification/types.js';
import type { ModelOutput } from './extraction-schema.js';
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
    // Amounts, months, headcount, sector: each kind reads its own fields (src/dimensions).
    kindOf(dimension).llmDetails?.(raw, fact, playbook);
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

function contactOf(raw: ModelOutput['contact']): Contact {
  const contact: Contact = {};
  for (const field of ['email', 'phone', 'name'] as const) {
    const value = raw?.[field]?.trim();
    if (value) contact[field] = value;
  }
  return contact;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
