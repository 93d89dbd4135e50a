import { describe, expect, it } from 'vitest';
import { markdownToMrkdwn, slackToPlainText } from '../../../src/channels/slack/slack-text.js';

describe('slackToPlainText (what the visitor typed, for the extractor)', () => {
  it('removes every mention of the bot, with or without a label', () => {
    expect(slackToPlainText('<@U0BOT> we are 140 people <@U0BOT|qualibot>', 'U0BOT')).toBe('we are 140 people');
  });

  it('leaves no stray punctuation where the bot was mentioned mid-sentence', () => {
    expect(slackToPlainText('What is the hour of the pearl, <@U123>?', 'U123')).toBe('What is the hour of the pearl?');
    expect(slackToPlainText('Bonjour <@U123|qualibot>, nous sommes 140.', 'U123')).toBe('Bonjour, nous sommes 140.');
  });

  it('removes leading mentions when the bot id is not known', () => {
    expect(slackToPlainText('<@U0BOT> <@U0BOT> hello', undefined)).toBe('hello');
  });

  it('keeps other people mentioned, channels and special mentions readable', () => {
    expect(slackToPlainText('<@U0BOT> ask <@U123|marie> or <@U456> in <#C1|sales> <!here>', 'U0BOT')).toBe('ask @marie or @U456 in #sales @here');
  });

  it('turns links into their labels and unwraps mailto / tel links (contacts stay readable)', () => {
    expect(slackToPlainText('mail <mailto:anna@acme.fr|anna@acme.fr>, site <https://acme.fr|acme.fr>, <https://x.io>, <tel:+33612345678>')).toBe(
      'mail anna@acme.fr, site acme.fr, https://x.io, +33612345678',
    );
  });

  it('decodes the three entities Slack escapes', () => {
    expect(slackToPlainText('R&amp;D &lt; 10k&gt; budget')).toBe('R&D < 10k> budget');
  });
});

describe('markdownToMrkdwn (what the bot says, for Slack)', () => {
  it('turns Markdown links into Slack links, keeping italics', () => {
    expect(markdownToMrkdwn('_Automated assistant ([privacy](https://prospekt.example/confidentialite))._')).toBe(
      '_Automated assistant (<https://prospekt.example/confidentialite|privacy>)._',
    );
  });

  it('converts bold and strikethrough', () => {
    expect(markdownToMrkdwn('**Budget** ~~later~~')).toBe('*Budget* ~later~');
  });

  it('escapes &, < and > outside links so Slack does not read them as markup', () => {
    expect(markdownToMrkdwn('R&D < 10 > 5 [a & b](https://x.io/?a=1&b=2)')).toBe('R&amp;D &lt; 10 &gt; 5 <https://x.io/?a=1&b=2|a &amp; b>');
  });
});
