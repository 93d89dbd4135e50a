import { describe, expect, it } from 'vitest';
import { buildLeadPacket } from '../../src/handoff/lead-packet.js';
import { mergeExtractions } from '../../src/extraction/merge-extractions.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { absorbFacts, absorbKnockouts } from '../../src/qualification/fact-sheet.js';
import { newLeadState } from '../../src/qualification/lead-state.js';
import type { Fact } from '../../src/qualification/types.js';
import { decide } from '../../src/scoring/scorer.js';

const playbook = loadPlaybook('champ');
const rules = (dimension: string, value: string, extra: Partial<Fact>): Fact => ({ dimension, value, evidence: 'On est 8 ici à Lyon', confidence: 0.9, source: 'rules', turn: 2, ...extra });
const llm = (dimension: string, value: string, extra: Partial<Fact>): Fact => ({ dimension, value, evidence: '80 au total', confidence: 0.9, source: 'llm', turn: 2, ...extra });
const none = { facts: [], knockouts: [], contact: {}, usage: { llmCalls: 0, tokensIn: 0, tokensOut: 0 }, extractor: 'x' };

describe('the lead card when the rules and the model disagree', () => {
  it('carries both readings of a disputed number and of a disputed knockout, with both pieces of evidence', () => {
    const merged = mergeExtractions(
      playbook,
      { ...none, facts: [rules('company', 'below_icp_size', { headcount: 8 })], knockouts: [{ id: 'student', evidence: 'mon mémoire', turn: 2, source: 'rules' }] },
      { ...none, facts: [llm('company', 'in_icp', { headcount: 80 })] },
    );
    const lead = newLeadState('webchat', new Date('2026-12-01T10:00:00Z'));
    lead.sheet = absorbKnockouts(absorbFacts(playbook, lead.sheet, merged.facts), merged.knockouts, merged.disputedKnockouts);
    const decision = decide(playbook, { ...lead.sheet, complete: true });
    const packet = buildLeadPacket({ playbook, lead, decision, conversationId: 'c1', now: new Date('2026-12-01T10:00:00Z') });

    expect(packet.handoffReason).toBe('ambiguous');
    expect(packet.contradictions).toEqual([
      expect.objectContaining({
        dimension: 'company',
        readings: [
          { source: 'rules', value: 'below_icp_size', evidence: 'On est 8 ici à Lyon' },
          { source: 'llm', value: 'in_icp', evidence: '80 au total' },
        ],
      }),
    ]);
    expect(packet.disputedKnockouts).toEqual([
      { id: 'student', description: 'Student or academic research.', readings: [{ source: 'rules', value: 'seen', evidence: 'mon mémoire' }, { source: 'llm', value: 'not seen' }] },
    ]);
    expect(packet.knockouts).toEqual([]);
  });
});
