import { describe, expect, it } from 'vitest';
import type { Activity, TurnContext } from 'botbuilder';
import { MentionTextMiddleware } from '../../src/channels/teams/mention-text-middleware.js';
import { withoutMentions } from '../../src/channels/mention-text.js';

const BOT = /@bot/g;

describe('withoutMentions (the bot addressed, not part of what was said)', () => {
  it.each([
    ['What is the hour of the pearl, @bot?', 'What is the hour of the pearl?'],
    ['What is the hour of the pearl @bot ?', 'What is the hour of the pearl ?'],
    ['Quelle heure est-il, @bot ?', 'Quelle heure est-il ?'],
    ['We need more meetings, @bot.', 'We need more meetings.'],
    ['We need more meetings, @bot', 'We need more meetings'],
    ['@bot, hello', 'hello'],
    ['@bot: we are 140', 'we are 140'],
    ['@bot @bot hello', 'hello'],
    ['Hi @bot, we need more meetings', 'Hi, we need more meetings'],
    ['we are @bot 140 people', 'we are 140 people'],
    ['hello@botworld', 'hello world'],
    ['just @bot', 'just'],
  ])('%j → %j', (text, expected) => {
    expect(withoutMentions(text, BOT)).toBe(expected);
  });

  it('leaves a message without the mention exactly as it is', () => {
    expect(withoutMentions('  Nous sommes 140 ,  voilà ', BOT)).toBe('  Nous sommes 140 ,  voilà ');
  });
});

describe('MentionTextMiddleware', () => {
  const run = async (activity: Partial<Activity>) => {
    const middleware = new MentionTextMiddleware();
    await middleware.onTurn({ activity } as unknown as TurnContext, async () => undefined);
    return activity.text;
  };
  const bot = { id: '28:bot', name: 'Qualibot' };

  it("removes the bot's Teams mention and shows other people's as @Name", async () => {
    const text = await run({
      type: 'message',
      channelId: 'msteams',
      recipient: bot,
      text: 'What time is it, <at>Qualibot</at>? Ask <at>Marie Curie</at>.',
      entities: [{ type: 'mention', mentioned: bot, text: '<at>Qualibot</at>' }],
    });
    expect(text).toBe('What time is it? Ask @Marie Curie.');
  });

  it('ignores a mention entity whose text is not a string instead of failing the turn (found by the fuzz test)', async () => {
    const text = await run({ type: 'message', channelId: 'msteams', recipient: bot, text: 'Hello <at>Qualibot</at>', entities: [{ type: 'mention', mentioned: bot, text: 42 as unknown as string }] });
    expect(text).toBe('Hello @Qualibot');
    expect(await run({ type: 'message', channelId: 'webchat', recipient: bot, text: 'hi', entities: 'nope' as unknown as [] })).toBe('hi');
  });
});
