import { type Activity, ActivityHandler, ActivityTypes, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { loadPlaybook } from '../../../src/playbook/loader.js';
import { render } from '../../../src/playbook/queries.js';
import type { Dimension, Playbook } from '../../../src/playbook/schema.js';
import type { Fact, Locale } from '../../../src/qualification/types.js';
import { decide } from '../../../src/scoring/scorer.js';

interface Progress {
  step: number;
  locale: Locale;
  facts: Record<string, Fact>;
}

/**
 * A stand-in for the real bot while developing the widget: it asks the CHAMP playbook's questions
 * with its quick replies, acknowledges every answer by quoting it, and announces the real scorer's
 * route (with an Adaptive Card on handoff). A typed answer that is not a quick-reply label counts
 * as the most favourable non-knockout level: this bot tests transport, not extraction.
 */
export class TestBot extends ActivityHandler {
  readonly playbook: Playbook = loadPlaybook('champ');
  /** Every activity the bot received, to check what the channel hands over. */
  readonly received: Partial<Activity>[] = [];
  private readonly progress = new Map<string, Progress>();

  constructor(private readonly options: { typingDelayMs?: number } = {}) {
    super();
    this.onTurn(async (context, next) => {
      this.received.push(structuredClone(context.activity));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const visitorJoined = (context.activity.membersAdded ?? []).some((member) => member.id !== context.activity.recipient.id);
      if (visitorJoined) await this.greet(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
  }

  private async greet(context: TurnContext): Promise<void> {
    const locale: Locale = context.activity.locale?.startsWith('fr') ? 'fr' : 'en';
    this.progress.set(context.activity.conversation.id, { step: 0, locale, facts: {} });
    const { greeting, notice } = this.playbook.messages;
    await context.sendActivities([
      { type: ActivityTypes.Message, text: render(this.playbook, greeting, locale) },
      { type: ActivityTypes.Message, text: render(this.playbook, notice, locale) },
    ]);
    await this.ask(context, this.dimension(0)!, locale);
  }

  private async answer(context: TurnContext): Promise<void> {
    const progress = this.progress.get(context.activity.conversation.id);
    const text = context.activity.text ?? '';
    if (!progress || progress.step >= this.playbook.dimensions.length) {
      await context.sendActivity(`Echo: ${text}`);
      return;
    }
    const dimension = this.dimension(progress.step)!;
    progress.facts[dimension.id] = this.factFor(dimension, text, progress);
    progress.step += 1;
    await this.typing(context);
    await context.sendActivity(progress.locale === 'fr' ? `Noté : « ${text} »` : `Noted: “${text}”`);
    const next = this.dimension(progress.step);
    if (next) return this.ask(context, next, progress.locale);

    const decision = decide(this.playbook, { facts: progress.facts, contradictions: {}, unclear: [], knockouts: [], complete: true });
    const { outcome } = this.playbook.messages;
    const text2 =
      decision.route === 'handoff' ? outcome.handoff : decision.route === 'nurture' ? (decision.tier === 'warm' ? outcome.nurture : outcome.nurtureCold) : outcome.disqualify;
    await context.sendActivity(render(this.playbook, text2, progress.locale));
    if (decision.route === 'handoff') {
      const title = progress.locale === 'fr' ? 'Prochaine étape' : 'Next step';
      const body = progress.locale === 'fr' ? `Score ${decision.score}/100 : un expert vous rejoint ici.` : `Score ${decision.score}/100: an expert joins you here.`;
      await context.sendActivity(
        MessageFactory.attachment(
          CardFactory.adaptiveCard({
            type: 'AdaptiveCard',
            version: '1.5',
            body: [
              { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium' },
              { type: 'TextBlock', text: body, wrap: true },
            ],
          }),
        ),
      );
    }
  }

  private async ask(context: TurnContext, dimension: Dimension, locale: Locale): Promise<void> {
    const labels = dimension.quickReplies.map((reply) => reply.label[locale]);
    await context.sendActivity(MessageFactory.suggestedActions(labels, dimension.question[locale]));
  }

  private async typing(context: TurnContext): Promise<void> {
    await context.sendActivity({ type: ActivityTypes.Typing });
    if (this.options.typingDelayMs) await new Promise((resolve) => setTimeout(resolve, this.options.typingDelayMs));
  }

  private factFor(dimension: Dimension, text: string, progress: Progress): Fact {
    const clicked = dimension.quickReplies.find((reply) => reply.label[progress.locale].toLowerCase() === text.trim().toLowerCase());
    const knockoutLevels: string[] = this.playbook.knockouts.flatMap((knockout) => (knockout.signal ? [knockout.signal] : []));
    const best = [...dimension.levels].filter((level) => !knockoutLevels.includes(level.id)).sort((a, b) => b.points - a.points)[0];
    const value = clicked?.level ?? best?.id ?? dimension.levels[0]!.id;
    const months = clicked?.months ?? (dimension.kind === 'timeline' ? 1 : undefined);
    return { dimension: dimension.id, value, evidence: text, confidence: 1, source: 'quick-reply', turn: progress.step + 1, ...(months ? { months } : {}) };
  }

  private dimension(index: number): Dimension | undefined {
    return this.playbook.dimensions[index];
  }
}
