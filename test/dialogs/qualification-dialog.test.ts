import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { VISITOR_LEFT_EVENT } from '../../src/bot/bot-ports.js';
import { RulesExtractor } from '../../src/extraction/rules/rules-extractor.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { openTestConversation } from '../helpers/test-conversation.js';


type Row = [visitorSays: string, botShouldAsk: string | { route: string; handoffReason?: string }];

interface Ask {
  ask?: string;
  clarification?: boolean;
  route?: string;
  handoffReason?: string;
}
const data = (activity: Partial<Activity>) => (activity.channelData as { qualibot?: Ask } | undefined)?.qualibot ?? {};

/** Runs a turn table through the real bot (TestAdapter): each row is what the visitor says and what the bot must ask next. */
async function runTable(rows: Row[], options: { locale?: string; playbook?: string } = {}) {
  const playbook = loadPlaybook(options.playbook ?? 'champ');
  const conversation = await openTestConversation({ playbook, extractor: new RulesExtractor(playbook), locale: options.locale });
  for (const [says, expected] of rows) {
    const last = (await conversation.say(says)).at(-1);
    expect(last, `no reply to "${says}"`).toBeDefined();
    if (typeof expected === 'string') {
      expect(data(last!).ask, `after "${says}"`).toBe(expected);
    } else {
      expect(data(last!), `after "${says}"`).toMatchObject(expected);
    }
  }
  return conversation;
}

describe('qualification dialog turn tables', () => {
  it('greets with the automated-assistant notice, then asks the first dimension', async () => {
    const { greeting } = await runTable([], { locale: 'fr-FR' });
    expect(greeting.map((activity) => activity.text).join('\n')).toMatch(/Assistant automatisé/);
    expect(data(greeting.at(-1)!).ask).toBe('challenge');
  });

  it('asks every dimension in playbook order for one-fact answers', async () => {
    await runTable(
      [
        ["Nos commerciaux n'ont plus assez de rendez-vous.", 'company'],
        ['Éditeur de logiciel, 140 salariés.', 'authority'],
        ['Je suis la directrice commerciale, je décide.', 'money'],
        ['Nous avons 4 000 € par mois de budget prévu.', 'prioritization'],
        ['Sous trois mois.', { route: 'handoff', handoffReason: 'high_score' }],
      ],
      { locale: 'fr-FR' },
    );
  });

  it('skips what one sentence already answered', async () => {
    await runTable(
      [
        ["I'm the CEO of a 40-person software company, our pipeline is too thin and we have 40k€ set aside.", 'prioritization'],
        ['We must start within 6 weeks.', { route: 'handoff', handoffReason: 'high_score' }],
      ],
      { locale: 'en-US' },
    );
  });

  it('asks one clarification for an unclear answer, then moves on', async () => {
    const { sent } = await runTable(
      [
        ['Hmm.', 'challenge'],
        ['Hard to say.', 'company'],
      ],
      { locale: 'en-US' },
    );
    const clarifications = sent.filter((activity) => data(activity).clarification);
    expect(clarifications.map((activity) => data(activity).ask)).toEqual(['challenge']);
  });

  it('asks the same question again after small talk, keeping the clarification for a real unclear answer', async () => {
    const { sent } = await runTable(
      [
        ['Bonjour !', 'challenge'],
        ['Bof.', 'challenge'],
        ["Il nous faut plus de rendez-vous qualifiés pour nos commerciaux.", 'company'],
      ],
      { locale: 'fr-FR' },
    );
    const challengeQuestions = sent.filter((activity) => data(activity).ask === 'challenge');
    expect(challengeQuestions.map((activity) => Boolean(data(activity).clarification))).toEqual([false, false, true]);
  });

  it('closes at once on a knockout, with the specific close', async () => {
    const { sent } = await runTable([["Bonjour, je suis étudiant et je prépare un mémoire sur la prospection.", { route: 'disqualify' }]], { locale: 'fr-FR' });
    expect(sent.at(-1)?.text).toMatch(/étudiant|recherche/);
  });

  it('routes an abandoned conversation on what is known, never as ambiguous', async () => {
    const { adapter, logic, drain } = await runTable([["Notre pipeline est trop faible, il nous faut des rendez-vous.", 'company']], { locale: 'fr-FR' });
    await adapter.processActivity({ type: 'event', name: VISITOR_LEFT_EVENT }, logic);
    drain();
    // The decision is recorded without being announced: the visitor has gone.
    await adapter.processActivity({ type: 'message', text: 'ah, encore là' }, logic);
    const after = drain();
    expect(after.at(-1)?.text).toMatch(/noté/);
  });

  it('runs the BANT playbook with no code change, in its own order', async () => {
    const { greeting } = await runTable([], { locale: 'en-US', playbook: 'bant' });
    expect(data(greeting.at(-1)!).ask).toBe('budget');
  });
});
