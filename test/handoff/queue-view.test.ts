import { describe, expect, it } from 'vitest';
import { compareQueued, suggestAssignments, suggestFor, toSummary, type HandoffSummary } from '../../src/handoff/queue-view.js';
import type { HandoffRecord } from '../../src/storage/ports/handoffs.js';

const now = new Date('2026-11-26T10:10:00.000Z');

function record(id: string, fields: Partial<HandoffRecord>): HandoffRecord {
  return {
    id,
    conversationId: `conv-${id}`,
    leadId: `lead-${id}`,
    status: 'queued',
    reason: 'high_score',
    score: 80,
    tier: 'hot',
    packet: { summary: `summary ${id}`, locale: 'fr' },
    createdAt: '2026-11-26T10:00:00.000Z',
    updatedAt: '2026-11-26T10:00:00.000Z',
    ...fields,
  };
}

describe('queue view', () => {
  it('summarises a waiting handoff with the seconds waited so far', () => {
    expect(toSummary(record('a', {}), now)).toEqual({
      id: 'a',
      conversationId: 'conv-a',
      status: 'queued',
      callback: false,
      reason: 'high_score',
      score: 80,
      tier: 'hot',
      createdAt: '2026-11-26T10:00:00.000Z',
      waitingSeconds: 600,
      summary: 'summary a',
      locale: 'fr',
      visitor: { words: '' },
      levels: [],
      online: true,
    });
  });

  it('shows who the visitor is, their levels and presence, for triage and search', () => {
    const packet = {
      locale: 'fr',
      contact: { name: 'Claire Martin', email: 'claire@acme.example' },
      facts: [
        { dimension: 'company', value: 'in_icp', evidence: 'une PME industrielle de 40 personnes', headcount: 40, sector: 'industrie' },
        { dimension: 'authority', value: 'decision_maker', evidence: 'je décide' },
      ],
      visitorLeftAt: '2026-11-26T10:05:00.000Z',
    };
    expect(toSummary(record('a', { packet }), now)).toMatchObject({
      visitor: { name: 'Claire Martin', email: 'claire@acme.example', company: 'industrie', headcount: 40, words: 'une PME industrielle de 40 personnes · je décide' },
      levels: [
        { dimension: 'company', value: 'in_icp' },
        { dimension: 'authority', value: 'decision_maker' },
      ],
      online: false,
    });
  });

  it('keeps the suggestion made when the handoff was queued, and counts it as load', () => {
    const sdrs = [
      { id: 'marie', name: 'Marie' },
      { id: 'paul', name: 'Paul' },
    ];
    const kept = toSummary(record('kept', { packet: { suggestedSdr: { id: 'marie', name: 'Marie' } } }), now);
    const fresh = toSummary(record('fresh', {}), now);
    // Marie is busier (one live chat), yet the kept suggestion does not move; the new one goes to Paul.
    expect(suggestAssignments([kept, fresh], sdrs, [{ sdrId: 'marie' }]).map((item) => item.suggestedSdr?.id)).toEqual(['marie', 'paul']);
    expect(suggestFor(sdrs, [{ status: 'queued', packet: { suggestedSdr: { id: 'marie', name: 'Marie' } } }, { status: 'live', sdrId: 'marie', packet: {} }])).toEqual({ id: 'paul', name: 'Paul' });
    expect(suggestFor([], [])).toBeUndefined();
  });

  it('stops the waiting clock when an SDR claimed, and flags callback tasks', () => {
    expect(toSummary(record('a', { status: 'live', claimedAt: '2026-11-26T10:00:42.000Z', sdrId: 's', sdrName: 'Marie' }), now)).toMatchObject({ waitingSeconds: 42, sdrName: 'Marie' });
    expect(toSummary(record('b', { status: 'expired' }), now)).toMatchObject({ callback: true, waitingSeconds: 600 });
  });

  it('orders the queue by score, then by waiting time, callback tasks last', () => {
    const items = [
      record('low-old', { score: 72, createdAt: '2026-11-26T09:00:00.000Z' }),
      record('high-new', { score: 95, createdAt: '2026-11-26T10:09:00.000Z' }),
      record('high-old', { score: 95, createdAt: '2026-11-26T10:01:00.000Z' }),
      record('callback-top', { score: 100, status: 'expired', createdAt: '2026-11-26T08:00:00.000Z' }),
    ].map((item) => toSummary(item, now));
    expect(items.sort(compareQueued).map((item) => item.id)).toEqual(['high-old', 'high-new', 'low-old', 'callback-top']);
  });

  it('suggests the least busy SDR, spreading the queue round-robin', () => {
    const queue: HandoffSummary[] = ['q1', 'q2', 'q3'].map((id) => toSummary(record(id, {}), now));
    const sdrs = [
      { id: 'marie', name: 'Marie' },
      { id: 'paul', name: 'Paul' },
      { id: 'lea', name: 'Léa' },
    ];
    const live = [{ sdrId: 'marie' }, { sdrId: 'marie' }, { sdrId: 'paul' }];
    // Léa (0 live) gets q1; then Paul and Léa have one each and the tie goes to the first listed; then Léa again.
    expect(suggestAssignments(queue, sdrs, live).map((item) => item.suggestedSdr?.id)).toEqual(['lea', 'paul', 'lea']);
    expect(suggestAssignments(queue, [], live)).toEqual(queue);
  });
});
