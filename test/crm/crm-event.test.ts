import { describe, expect, it } from 'vitest';
import { leadEvent, leadEventKey, leadPayload, personErasedEvents } from '../../src/crm/crm-event.js';
import { crmEventFromOutbox, enqueueCrmEvent } from '../../src/crm/crm-outbox.js';
import { openDatabase } from '../../src/storage/open-database.js';
import type { HandoffRecord } from '../../src/storage/ports/handoffs.js';
import type { LeadRecord } from '../../src/storage/ports/leads.js';
import { leadInput } from '../storage/fixtures.js';

const lead: LeadRecord = {
  ...leadInput({ id: 'lead-1', conversationId: 'conv-1' }),
  status: 'decided',
  decision: {
    route: 'handoff',
    handoffReason: 'high_score',
    score: 84,
    tier: 'hot',
    reasons: [{ rule: 'money', dimension: 'money', points: 30, detail: 'budget confirmed', evidence: 'we have 50k' }],
    knockouts: [],
    complete: true,
  },
  knockouts: [{ id: 'student', evidence: 'je suis étudiant', turn: 2, source: 'rules' }],
  version: 4,
  createdAt: '2026-02-01T09:00:00.000Z',
  updatedAt: '2026-02-01T09:05:00.000Z',
};

describe('CRM events', () => {
  it('keys lead events <leadId>:<version>', () => {
    expect(leadEventKey(lead)).toBe('lead-1:4');
    expect(leadEvent('lead.qualified', lead)).toMatchObject({ type: 'lead.qualified', idempotencyKey: 'lead-1:4', occurredAt: lead.updatedAt });
  });

  it('carries facts and knockouts as ids, never the visitor’s words', () => {
    const payload = leadPayload(lead);
    expect(payload.lead).toMatchObject({ score: 84, route: 'handoff', tier: 'hot', facts: { challenge: 'pipeline' }, knockouts: ['student'] });
    const text = JSON.stringify(payload);
    expect(text).not.toContain('pas assez de rendez-vous');
    expect(text).not.toContain('we have 50k');
    expect(text).not.toContain('étudiant');
  });

  it('adds the handoff outcome for lead.updated', () => {
    const handoff = { id: 'h1', status: 'closed', reason: 'high_score', sdrName: 'Marie', outcome: 'meeting_booked' } as HandoffRecord;
    expect(leadEvent('lead.updated', lead, handoff).payload.handoff).toMatchObject({ status: 'closed', sdrName: 'Marie', outcome: 'meeting_booked' });
  });

  it('builds one person.erased per lead', () => {
    const events = personErasedEvents({ leadIds: ['a', 'b'], email: 'x@example.test' }, new Date('2026-03-01T00:00:00Z'));
    expect(events).toEqual([
      { type: 'person.erased', idempotencyKey: 'a:erased', payload: { lead: { id: 'a' }, contact: { email: 'x@example.test' } }, occurredAt: '2026-03-01T00:00:00.000Z' },
      { type: 'person.erased', idempotencyKey: 'b:erased', payload: { lead: { id: 'b' }, contact: { email: 'x@example.test' } }, occurredAt: '2026-03-01T00:00:00.000Z' },
    ]);
    expect(personErasedEvents({ leadIds: ['a'] })[0]?.payload).toEqual({ lead: { id: 'a' } });
  });

  it('round-trips through the outbox', async () => {
    const db = await openDatabase({ url: ':memory:', dataDir: ':memory:' });
    try {
      const event = leadEvent('lead.qualified', lead);
      const { entry } = await enqueueCrmEvent(db.outbox, event);
      expect(crmEventFromOutbox(entry)).toEqual(event);
      // The outbox indexes who the event is about, so erasure finds it.
      expect((await db.outbox.listAbout({ conversationId: 'conv-1' })).map((row) => row.id)).toEqual([entry.id]);
    } finally {
      await db.close();
    }
  });
});
