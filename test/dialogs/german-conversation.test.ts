import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { RulesExtractor } from '../../src/extraction/rules/rules-extractor.js';
import { translate } from '../../src/i18n/translate.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { openTestConversation } from '../helpers/test-conversation.js';

/**
 * German, a language the rules extractor has no lexicon for, through the real bot (TestAdapter) with the rules
 * extractor alone: clicks qualify fully, free text is never scored, and the bot says once that clicks work best.
 */
const champ = loadPlaybook('champ');
const extractors = new Map([[champ, new RulesExtractor(champ)]]);

interface Qualibot {
  ask?: string;
  clarification?: boolean;
  route?: string;
  handoffReason?: string;
  score?: number;
}
const data = (activity: Partial<Activity>) => (activity.channelData as { qualibot?: Qualibot } | undefined)?.qualibot ?? {};
const buttons = (activity: Partial<Activity>) => activity.suggestedActions?.actions.map((action) => action.title) ?? [];

async function germanVisitor(playbook = champ) {
  const extractor = extractors.get(playbook) ?? extractors.set(playbook, new RulesExtractor(playbook)).get(playbook)!;
  const conversation = await openTestConversation({ playbook, extractor, locale: 'de-DE' });
  const { greeting } = conversation;
  /** The bot's messages, in order. */
  const sent: Partial<Activity>[] = [...greeting];
  const say = async (text: string) => {
    const replies = await conversation.say(text);
    sent.push(...replies);
    const last = replies.at(-1);
    if (!last) throw new Error(`no reply to "${text}"`);
    return last;
  };
  /** Clicks the button of the last question whose label is `label` (it must be one of the buttons shown). */
  const click = async (label: string) => {
    const question = sent.at(-1)!;
    expect(buttons(question), `buttons of ${data(question).ask}`).toContain(label);
    return say(label);
  };
  return { greeting, sent, say, click };
}

describe('a German visitor with the rules extractor (no German lexicon)', () => {
  it('greets and asks in German, with German buttons', async () => {
    const { greeting } = await germanVisitor();
    expect(greeting[0]?.text).toMatch(/^Guten Tag! Ich bin der Assistent von Prospekt/);
    const first = greeting.at(-1)!;
    expect(data(first).ask).toBe('challenge');
    expect(first.text).toMatch(/Was führt Sie heute zu uns/);
    expect(buttons(first)).toEqual(['Zu wenige Vertriebstermine', 'Unsere Pipeline ist zu dünn', 'Ich informiere mich nur']);
  });

  it('qualifies fully by clicks: a hot lead reaches the handoff with every point', async () => {
    const { click } = await germanVisitor();
    expect(data(await click('Zu wenige Vertriebstermine')).ask).toBe('company');
    expect(data(await click('50 bis 250 Mitarbeitende')).ask).toBe('authority');
    expect(data(await click('Ich entscheide')).ask).toBe('money');
    expect(data(await click('Ja, Budget freigegeben')).ask).toBe('prioritization');
    const outcome = await click('Innerhalb von 3 Monaten');
    expect(data(outcome)).toMatchObject({ route: 'handoff', handoffReason: 'high_score', score: 100 });
    expect(outcome.text).toMatch(/Vielen Dank, Ihr Projekt passt genau/);
  });

  it('qualifies by clicks on another playbook (BANT, another order of questions)', async () => {
    const { click } = await germanVisitor(loadPlaybook('bant'));
    expect(data(await click('Ja, das Budget ist gesichert')).ask).toBe('authority');
    expect(data(await click('Ich gebe es frei')).ask).toBe('need');
    expect(data(await click('Zu wenige Verkaufstermine')).ask).toBe('timing');
    expect(data(await click('In den nächsten 3 Monaten')).ask).toBe('company');
    expect(data(await click('Zwischen 50 und 250 Personen'))).toMatchObject({ route: 'handoff', handoffReason: 'high_score', score: 100 });
  });

  it('routes a lukewarm lead by clicks to nurture with the points of its answers', async () => {
    const { click } = await germanVisitor();
    await click('Ich informiere mich nur');
    await click('10 bis 50 Mitarbeitende');
    await click('Ich empfehle, jemand anderes gibt frei');
    await click('Derzeit kein Budget');
    const outcome = await click('Später / noch kein Termin');
    // vague interest 10 + influencer 15 + no budget 0 + later 0
    expect(data(outcome)).toMatchObject({ route: 'nurture', score: 25 });
  });

  it('reads no score from free German text, says once that clicks work best, and keeps the buttons', async () => {
    const { say, sent } = await germanVisitor();
    // "CEO", "40k€", "Budget", "Monaten": words an English or French cue would read.
    const afterFree = await say('Ich bin CEO, wir haben 40k€ Budget und wollen in zwei Monaten starten.');
    const notice = translate('bot.freeTextNotRead', 'de');
    expect(afterFree.text).toContain(notice);
    expect(data(afterFree)).toMatchObject({ ask: 'challenge', clarification: true });
    expect(buttons(afterFree)).toHaveLength(3);
    const next = await say('Wir brauchen einfach mehr Termine für den Vertrieb.');
    expect(data(next).ask).toBe('company');
    expect(buttons(next)).toHaveLength(4);
    expect(sent.filter((activity) => activity.text?.includes(notice))).toHaveLength(1);
  });

  it('reads no knockout from free German text that an English cue would read', async () => {
    const { say } = await germanVisitor();
    // The English lexicon reads "freelancer" alone as below the ICP size: a disqualification by accident.
    const reply = await say('Nur ich, Freelancer.');
    expect(data(reply).route).toBeUndefined();
    expect(data(reply).ask).toBe('challenge');
  });
});
