import { describe, expect, it } from 'vitest';
import { labelledCaseOf } from '../../src/feedback/labelled-export.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import type { LabelledLead, VerdictRecord } from '../../src/storage/ports/feedback.js';
import type { LeadRecord } from '../../src/storage/ports/leads.js';
import type { TranscriptEntry } from '../../src/storage/ports/transcripts.js';

const playbook = loadPlaybook('dialogs/playbooks/champ.yaml');

const lead = {
  id: 'lead-1',
  conversationId: 'conv-1',
  locale: 'fr',
  facts: { authority: { dimension: 'authority', value: 'decision_maker', evidence: 'je décide', confidence: 0.9, source: 'rules', turn: 2 } },
  context: { utm_source: 'linkedin', pagesViewed: 3 },
  decision: { route: 'handoff', handoffReason: 'ambiguous', score: 62, tier: 'warm', reasons: [], knockouts: [], complete: true },
  playbookId: 'champ',
  playbookVersion: '1',
} as unknown as LeadRecord;

const verdict: VerdictRecord = {
  handoffId: 'h-1',
  leadId: 'lead-1',
  conversationId: 'conv-1',
  verdict: 'rejected',
  outcome: 'rejected',
  reasonId: 'no_budget',
  missingSignals: ['money'],
  corrections: [{ dimension: 'authority', extracted: 'decision_maker', corrected: 'influencer' }],
  via: 'slack',
  decidedAt: '2026-12-01T10:00:00.000Z',
};

const transcript: TranscriptEntry[] = [
  { conversationId: 'conv-1', from: 'bot', text: 'Bonjour', at: '2026-12-01T09:00:00.000Z' },
  { conversationId: 'conv-1', from: 'visitor', text: 'Pas assez de rendez-vous', at: '2026-12-01T09:00:01.000Z' },
  { conversationId: 'conv-1', from: 'sdr', text: 'Bonjour, Marie ici', at: '2026-12-01T09:05:00.000Z' },
  { conversationId: 'conv-1', from: 'visitor', text: 'Je décide, mais le budget se discute', at: '2026-12-01T09:00:02.000Z' },
];

describe('a judged conversation as a labelled case', () => {
  it('keeps the visitor’s lines, expects the route of the rejection reason and carries the corrected facts', () => {
    const item: LabelledLead = { lead, verdict, outcomes: [] };
    expect(labelledCaseOf(item, transcript, playbook)).toEqual({
      id: 'sdr-rejected-h-1',
      locale: 'fr',
      context: { utm_source: 'linkedin', pagesViewed: 3 },
      visitor: ['Pas assez de rendez-vous', 'Je décide, mais le budget se discute'],
      tags: ['sdr-verdict', 'verdict:rejected', 'reason:no_budget', 'corrected'],
      expect: { route: 'nurture' },
      labels: expect.objectContaining({ verdict: 'rejected', rejectionReason: 'no_budget', missingSignals: ['money'], facts: { authority: 'influencer' }, botRoute: 'handoff', botScore: 62 }),
    });
  });

  it('expects a handoff for an accepted lead, and no route when the reason does not say one', () => {
    expect(labelledCaseOf({ lead, verdict: { ...verdict, verdict: 'accepted', outcome: 'meeting_booked', corrections: [] }, outcomes: [] }, transcript, playbook).expect).toEqual({ route: 'handoff', handoffReason: 'ambiguous' });
    expect(labelledCaseOf({ lead, verdict: { ...verdict, reasonId: 'wrong_contact' }, outcomes: [] }, transcript, playbook).expect).toBeUndefined();
  });
});
