import { ActivityTypes, TestAdapter, type TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { CardSubmitTextMiddleware, submittedText } from '../../../src/channels/teams/card-submit-text.js';

describe('submittedText', () => {
  it.each([
    ['our quick-reply card data (msteams imBack)', { msteams: { type: 'imBack', value: 'Je décide' } }, 'Je décide'],
    ['a messageBack', { msteams: { type: 'messageBack', text: 'yes', displayText: 'Yes!' } }, 'yes'],
    ['a plain string', '  Sous 3 mois ', 'Sous 3 mois'],
    ['a text-like field', { answer: 'Oui, budget validé' }, 'Oui, budget validé'],
  ])('reads %s', (_case, value, expected) => {
    expect(submittedText(value)).toBe(expected);
  });

  it.each([
    ['form data without an answer field', { email: 'a@b.fr', consent: true }],
    ['an empty string', '   '],
    ['an array', ['a']],
    ['nothing', undefined],
  ])('gives nothing for %s', (_case, value) => {
    expect(submittedText(value)).toBeUndefined();
  });
});

describe('CardSubmitTextMiddleware', () => {
  it('gives a text-less submit its answer as text, and leaves typed text alone', async () => {
    const seen: Array<string | undefined> = [];
    const adapter = new TestAdapter(async (context: TurnContext) => void seen.push(context.activity.text));
    adapter.use(new CardSubmitTextMiddleware());
    await adapter.send({ type: ActivityTypes.Message, value: { msteams: { type: 'imBack', value: '10 à 50 salariés' } } });
    await adapter.send({ type: ActivityTypes.Message, text: 'typed', value: { answer: 'ignored' } });
    await adapter.send({ type: ActivityTypes.Message, value: { email: 'a@b.fr' } });
    expect(seen).toEqual(['10 à 50 salariés', 'typed', undefined]);
  });
});
