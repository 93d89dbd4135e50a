import { describe, expect, it } from 'vitest';
import { outboxSubject, subjectWhere } from '../../src/storage/outbox-subject.js';
import { conversationStateKeyPatterns } from '../../src/storage/state-keys.js';

describe('outboxSubject', () => {
  it('finds the email (normalised) and conversation id anywhere in a payload', () => {
    expect(outboxSubject({ lead: { id: 'l', conversationId: 'c-1' }, contact: { email: ' Ada@Example.TEST ' } })).toEqual({
      email: 'ada@example.test',
      conversationId: 'c-1',
    });
    expect(outboxSubject([{ nested: { email: 'b@example.test' } }])).toEqual({ email: 'b@example.test' });
    expect(outboxSubject({ email: 42, conversationId: '' })).toEqual({});
    expect(outboxSubject(null)).toEqual({});
  });
});

describe('subjectWhere', () => {
  it('builds an OR of the given subject fields, or a clause matching nothing', () => {
    expect(subjectWhere({ email: 'A@B.test', conversationId: 'c' }, (index) => `$${index}`)).toEqual([
      'subject_email = $1 OR subject_conversation_id = $2',
      ['a@b.test', 'c'],
    ]);
    expect(subjectWhere({}, () => '?')).toEqual(['FALSE', []]);
  });
});

describe('conversationStateKeyPatterns', () => {
  it('escapes LIKE wildcards in the conversation id', () => {
    expect(conversationStateKeyPatterns('a_b%c\\d')).toEqual(['%/conversations/a\\_b\\%c\\\\d', '%/conversations/a\\_b\\%c\\\\d/%']);
  });
});
