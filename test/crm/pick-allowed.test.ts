import { describe, expect, it } from 'vitest';
import { parseFieldList, pickAllowed } from '../../src/crm/pick-allowed.js';

const payload = {
  lead: {
    id: 'lead-1',
    score: 82,
    route: 'handoff',
    facts: { money: 'budget_confirmed', authority: 'decision_maker' },
    reasons: [
      { rule: 'money', points: 30, detail: 'budget' },
      { rule: 'authority', points: 20, detail: 'ceo' },
    ],
  },
  contact: { email: 'ada@example.test', phone: '+33 6 00 00 00 00', name: 'Ada' },
  context: { pageUrl: 'https://example.test/pricing' },
};

describe('pickAllowed', () => {
  it('keeps only the allowed dotted paths', () => {
    expect(pickAllowed(payload, ['lead.id', 'lead.score', 'lead.route', 'contact.email'])).toEqual({
      lead: { id: 'lead-1', score: 82, route: 'handoff' },
      contact: { email: 'ada@example.test' },
    });
  });

  it('keeps a whole subtree when the path names an object, whichever order the paths come in', () => {
    const expected = { lead: { facts: payload.lead.facts } };
    expect(pickAllowed(payload, ['lead.facts'])).toEqual(expected);
    expect(pickAllowed(payload, ['lead.facts.money', 'lead.facts'])).toEqual(expected);
    expect(pickAllowed(payload, ['lead', 'lead.id'])).toEqual({ lead: payload.lead });
  });

  it('applies a path through an array to each element', () => {
    expect(pickAllowed(payload, ['lead.reasons.rule'])).toEqual({ lead: { reasons: [{ rule: 'money' }, { rule: 'authority' }] } });
  });

  it('leaves out missing paths and empty branches', () => {
    expect(pickAllowed(payload, ['lead.nothing', 'handoff.status', 'contact.email.domain'])).toEqual({});
    expect(pickAllowed(payload, [])).toEqual({});
    expect(pickAllowed(null, ['lead.id'])).toEqual({});
  });

  it('does not touch the input and returns copies', () => {
    const before = structuredClone(payload);
    const picked = pickAllowed(payload, ['lead.facts']) as { lead: { facts: Record<string, string> } };
    picked.lead.facts.money = 'changed';
    expect(payload).toEqual(before);
  });

  it('never follows prototype paths nor inherited properties', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "lead": {"id": "x"}}');
    expect(pickAllowed(hostile, ['__proto__.polluted', 'lead.constructor', 'toString', 'lead.id'])).toEqual({ lead: { id: 'x' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses the CRM_FIELDS list', () => {
    expect(parseFieldList(' lead.id, lead.score ,,contact.email ')).toEqual(['lead.id', 'lead.score', 'contact.email']);
    expect(parseFieldList(undefined)).toEqual([]);
  });
});
