import { describe, expect, it } from 'vitest';
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
