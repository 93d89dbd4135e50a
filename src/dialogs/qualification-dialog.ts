import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { questionActivity } from '../bot/render.js';
import type { LeadState } from '../qualification/lead-state.js';
import type { Qualifier } from '../qualification/qualifier.js';
import { translate } from '../i18n/translate.js';
import { isSmallTalk } from '../qualification/small-talk.js';
import type { Locale } from '../qualification/types.js';

export const QUALIFICATION_DIALOG = 'qualification';

function conversationIdOf(context: TurnContext): string {
  return context.activity.conversation?.id ?? 'unknown';
}
const LOOP = 'qualification-loop';
const ANSWER_PROMPT = 'answer';

interface LoopOptions {
  acknowledge?: boolean;
  rephrased?: { dimension: string; text: string };
}

/** How the bot begins the dialog. */
export interface QualificationOptions {
  /** The visitor's first message, when the conversation starts with one: read before the first question. */
  opening?: string;
}

/** Result of the dialog: `complete` is false only when it stopped early (a knockout). */
export interface QualificationResult {
  complete: boolean;
}

/**
 * One generic slot-filling loop driven by the playbook: ask the next unknown dimension, read the
 * answer (which may fill several dimensions at once), clarify once, move on. It never scores:
 * routes come from the scorer, through the Qualifier.
 */
export class QualificationDialog extends ComponentDialog {
  constructor(
    private readonly qualifier: Qualifier,
    private readonly leadAccessor: StatePropertyAccessor<LeadState>,
  ) {
    super(QUALIFICATION_DIALOG);
    this.addDialog(new TextPrompt(ANSWER_PROMPT));
    this.addDialog(new WaterfallDialog(LOOP, [this.askNextDimension.bind(this), this.readAnswer.bind(this)]));
    this.initialDialogId = LOOP;
  }

  /** Every visitor message is read here: the opening one (which may already fill several dimensions), then each answer. */
  protected override async onBeginDialog(inner: DialogContext, options?: QualificationOptions): Promise<DialogTurnResult> {
    if (options?.opening) await this.readOpening(inner.context, options.opening);
    return inner.beginDialog(LOOP);
  }

  private async readOpening(context: TurnContext, text: string): Promise<void> {
    const read = await this.qualifier.read(await this.lead(context), text);
    await this.leadAccessor.set(context, await this.qualifier.enrich(read.lead, conversationIdOf(context)));
  }

  private async askNextDimension(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lead = await this.lead(step.context);
    if (this.qualifier.hasKnockout(lead)) return step.endDialog({ complete: false } satisfies QualificationResult);
    const dimension = this.qualifier.nextDimension(lead);
    if (!dimension) return step.endDialog({ complete: true } satisfies QualificationResult);

    const locale: Locale = lead.locale ?? 'fr';
    const clarification = lead.clarified.includes(dimension.id);
    const options = step.options as LoopOptions | undefined;
    // An LLM rephrasing (LLM_REPHRASE) already acknowledges the answer; it is used only for the question it was written for.
    const rephrased = !clarification && options?.rephrased?.dimension === dimension.id ? options.rephrased.text : undefined;
    // Said once, when a free-text answer could not be read in the visitor's language: the buttons below always can.
    const unreadNotice = lead.unreadLanguageNotice === 'due' ? translate('bot.freeTextNotRead', locale) : undefined;
    const acknowledgement = unreadNotice ?? (options?.acknowledge && !rephrased ? this.acknowledgement(lead) : undefined);
    const prompt = questionActivity({
      playbook: this.qualifier.playbook,
      dimension,
      locale,
      channelId: step.context.activity.channelId,
      clarification,
      prefix: acknowledgement,
      text: rephrased,
    });
    if (!lead.asked.includes(dimension.id) || unreadNotice) {
      await this.leadAccessor.set(step.context, { ...lead, asked: [...new Set([...lead.asked, dimension.id])], ...(unreadNotice ? { unreadLanguageNotice: 'told' as const } : {}) });
    }
    (step.values as { asked?: string }).asked = dimension.id;
    return step.prompt(ANSWER_PROMPT, { prompt: prompt });
  }

  private async readAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const asked = (step.values as { asked: string }).asked;
    // Checked and cleaned once, by VisitorTextMiddleware, before the turn reached the bot.
    const text = String(step.result ?? '');
    let lead = await this.lead(step.context);
    const next: LoopOptions = { acknowledge: false };
    if (text) {
      // The LLM may take seconds: show the visitor we are on it at once.
      if (this.qualifier.extractorName !== 'rules') await step.context.sendActivity({ type: ActivityTypes.Typing });
      const read = await this.qualifier.read(lead, text, asked);
      // An e-mail or website in the answer: what is looked up in time may answer the next question (company).
      lead = await this.qualifier.enrich(read.lead, conversationIdOf(step.context));
      next.acknowledge = read.learned.length > 0;
      const nextDimension = this.qualifier.nextDimension(lead);
      if (read.extraction.rephrasedQuestion && nextDimension) next.rephrased = { dimension: nextDimension.id, text: read.extraction.rephrasedQuestion };
    }
    // "Hi" is not an unclear answer: ask the same question again rather than spending the clarification.
    if (!isSmallTalk(text)) lead = this.qualifier.afterUnansweredQuestion(lead, asked);
    await this.leadAccessor.set(step.context, lead);
    return step.replaceDialog(LOOP, next);
  }

  private async lead(context: TurnContext): Promise<LeadState> {
    const lead = await this.leadAccessor.get(context);
    if (!lead) throw new Error('lead state missing: the bot must create it before the dialog runs');
    return lead;
  }

  private acknowledgement(lead: LeadState): string | undefined {
    const acknowledgements = this.qualifier.playbook.messages.acknowledgements;
    if (acknowledgements.length === 0) return undefined;
    return acknowledgements[lead.turn % acknowledgements.length]?.[lead.locale ?? 'fr'];
  }
}
