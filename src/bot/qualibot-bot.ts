import {
  ActivityTypes,
  StatusCodes,
  TeamsActivityHandler,
  TurnContext,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState, type DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { QUALIFICATION_DIALOG, QualificationDialog, type QualificationOptions, type QualificationResult } from '../dialogs/qualification-dialog.js';
import { detectLocale } from '../extraction/detect-locale.js';
import { regionOf, toLocale } from '../i18n/locale-tags.js';
import type { Logger } from '../logger.js';
import { render } from '../playbook/queries.js';
import type { Playbook } from '../playbook/schema.js';
import { newLeadState, type LeadState } from '../qualification/lead-state.js';
import type { Qualifier } from '../qualification/qualifier.js';
import type { Decision, Locale, PageContext } from '../qualification/types.js';
import { VISITOR_LEFT_EVENT, type BotPorts, type DecisionListener, type MessageInterceptor } from './bot-ports.js';
import { outcomeActivity } from './render.js';
import type { TurnContext as Turn } from './turn.js';

/** Where DialogStateManager looks for (and caches) its configuration on the turn (botbuilder-dialogs' own key). */
const DIALOG_MEMORY_KEY = 'DialogStateManagerConfiguration';

export interface QualibotBotOptions {
  playbook: Playbook;
  qualifier: Qualifier;
  conversationState: ConversationState;
  logger: Logger;
  listeners?: DecisionListener[];
  interceptors?: MessageInterceptor[];
}

/**
 * The bot on every channel: greets, runs the qualification dialog, announces the route.
 * Teams-aware (no greeting broadcast in channels); the channels hand it text without the bot's mentions
 * (MentionTextMiddleware, slackToPlainText).
 */
export class QualibotBot extends TeamsActivityHandler {
  readonly leadAccessor: StatePropertyAccessor<LeadState>;
  /** Where handoff, CRM recording and metrics hook in (see bot-ports.ts). */
  readonly ports: BotPorts;
  private readonly dialogs: DialogSet;
  private readonly playbook: Playbook;
  private readonly qualifier: Qualifier;
  private readonly conversationState: ConversationState;
  private readonly logger: Logger;
  private readonly listeners: DecisionListener[];
  private readonly interceptors: MessageInterceptor[];
  private dialogMemory: DialogStateManagerConfiguration | undefined;

  constructor(options: QualibotBotOptions) {
    super();
    this.playbook = options.playbook;
    this.qualifier = options.qualifier;
    this.conversationState = options.conversationState;
    this.logger = options.logger;
    this.listeners = options.listeners ?? [];
    this.interceptors = options.interceptors ?? [];
    this.leadAccessor = this.conversationState.createProperty<LeadState>('lead');
    const dialogState = this.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(dialogState).add(new QualificationDialog(this.qualifier, this.leadAccessor));
    this.ports = {
      addDecisionListener: (listener) => void this.listeners.push(listener),
      addMessageInterceptor: (interceptor) => void this.interceptors.push(interceptor),
      leads: {
        get: (context) => this.leadAccessor.get(sdkTurn(context)),
        set: (context, lead) => this.leadAccessor.set(sdkTurn(context), lead),
        changed: (lead, context) => this.leadChanged(lead, sdkTurn(context)),
      },
    };

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.handleMembersAdded(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === VISITOR_LEFT_EVENT) await this.handleVisitorLeft(context);
      await next();
    });
    this.onEndOfConversation(async (context, next) => {
      await this.handleVisitorLeft(context);
      await next();
    });
  }

  private async leadChanged(lead: LeadState, context: TurnContext): Promise<void> {
    // A contact left after the route (e.g. while waiting for an SDR): its company is looked up for the SDR, not scored.
    const enrichment = (await this.qualifier.enrich(lead, context.activity.conversation?.id ?? 'unknown')).sheet.enrichment;
    const changed = enrichment && enrichment !== lead.sheet.enrichment ? { ...lead, sheet: { ...lead.sheet, enrichment } } : lead;
    if (changed !== lead) await this.leadAccessor.set(context, changed);
    for (const listener of this.listeners) await listener.onLeadChanged?.(changed, context);
  }

  /** Invokes the bot has no handler for (messaging extensions, tabs, sign-in…) answer 501, noted at debug level. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    if (response.status === StatusCodes.NOT_IMPLEMENTED) {
      this.logger.debug({ invoke: context.activity.name ?? '(card action)', conversationId: context.activity.conversation?.id }, 'invoke not implemented');
    }
    return response;
  }

  override async run(context: TurnContext): Promise<void> {
    // botbuilder-dialogs builds its memory-scope configuration anew on every turn (a service collection per
    // turn, ≈ 2 % of a turn's CPU) unless the turn already holds one: the scopes are stateless, so build it once.
    if (this.dialogMemory) context.turnState.set(DIALOG_MEMORY_KEY, this.dialogMemory);
    await super.run(context);
    this.dialogMemory ??= context.turnState.get<DialogStateManagerConfiguration | undefined>(DIALOG_MEMORY_KEY);
    await this.conversationState.saveChanges(context, false);
  }

  /** A turn as the rest of Qualibot holds it (its own `TurnContext` port). */
  runTurn(context: Turn): Promise<void> {
    return this.run(sdkTurn(context));
  }

  private async handleMembersAdded(context: TurnContext): Promise<void> {
    const visitorJoined = (context.activity.membersAdded ?? []).some((member) => member.id !== context.activity.recipient?.id);
    const conversationType = context.activity.conversation?.conversationType;
    if (!visitorJoined || conversationType === 'channel' || conversationType === 'groupChat') return;
    const lead = await this.loadLead(context);
    if (lead.status !== 'new') return;
    const activityLocale = toLocale(context.activity.locale);
    await this.greet(context, lead, activityLocale ?? 'fr', activityLocale ? 'activity' : 'default');
    await this.continueQualification(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    // Checked and cleaned by VisitorTextMiddleware (the bot's mention removed by MentionTextMiddleware); the qualification dialog reads it.
    const text = context.activity.text ?? '';
    const lead = await this.loadLead(context);
    for (const interceptor of this.interceptors) {
      if (await interceptor.intercept(lead, context)) return;
    }
    if (lead.status === 'decided') return this.afterOutcome(context, lead, text);
    if (lead.status === 'new') {
      const { locale, source } = lead.locale ? { locale: lead.locale, source: lead.localeSource ?? 'activity' } : this.localeFor(context, text);
      await this.greet(context, lead, locale, source);
      return this.continueQualification(context, text);
    }
    if (lead.localeSource === 'default' && text) {
      const detected = detectLocale(text);
      if (detected) await this.leadAccessor.set(context, { ...lead, locale: detected, localeSource: 'detected' });
    }
    await this.continueQualification(context);
  }

  private async handleVisitorLeft(context: TurnContext): Promise<void> {
    const lead = await this.loadLead(context);
    if (lead.status === 'qualifying') {
      await this.dialogs.createContext(context).then((dc) => dc.cancelAllDialogs());
      await this.finish(context, lead, false, { announce: false });
    }
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) return;
    for (const listener of this.listeners) await listener.onVisitorLeft?.(conversationId, context);
  }

  /** Runs the dialog on this turn; `opening` is the visitor's first message, when the conversation starts with one. */
  private async continueQualification(context: TurnContext, opening?: string): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    let result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) result = await dc.beginDialog(QUALIFICATION_DIALOG, { opening } satisfies QualificationOptions);
    if (result.status === DialogTurnStatus.complete) {
      const lead = await this.loadLead(context);
      await this.finish(context, lead, (result.result as QualificationResult | undefined)?.complete ?? true, { announce: true });
    }
  }

  private async greet(context: TurnContext, lead: LeadState, locale: Locale, localeSource: LeadState['localeSource']): Promise<LeadState> {
    const region = regionOf(context.activity.locale);
    const greeted: LeadState = {
      ...lead,
      locale,
      ...(region ? { region } : {}),
      localeSource,
      status: 'qualifying',
      context: { ...lead.context, ...pageContextOf(context) },
    };
    await this.leadAccessor.set(context, greeted);
    const { greeting, notice } = this.playbook.messages;
    // A channel that shows the privacy notice in its own frame (the website widget) says so: the notice is shown once.
    const noticeShown = (context.activity.channelData as { qualibot?: { noticeShown?: unknown } } | undefined)?.qualibot?.noticeShown === true;
    // Greeting and notice are one message (two paragraphs): each message is a round trip to the channel, and
    // the two were always sent back to back.
    const text = render(this.playbook, greeting, locale);
    await context.sendActivity({ type: ActivityTypes.Message, text: noticeShown ? text : `${text}\n\n${render(this.playbook, notice, locale)}` });
    return greeted;
  }

  private async finish(context: TurnContext, lead: LeadState, complete: boolean, options: { announce: boolean }): Promise<void> {
    const decision = this.qualifier.decide(lead, complete);
    const decided: LeadState = { ...lead, status: 'decided', decision, decidedAt: new Date().toISOString() };
    await this.leadAccessor.set(context, decided);
    this.logger.info(
      { conversationId: context.activity.conversation?.id, leadId: lead.leadId, route: decision.route, handoffReason: decision.handoffReason, score: decision.score },
      'lead decided',
    );
    if (options.announce) await context.sendActivity(outcomeActivity(this.outcomeText(decided, decision), decision));
    for (const listener of this.listeners) await listener.onDecision(decided, decision, context);
  }

  private outcomeText(lead: LeadState, decision: Decision): string {
    const locale = lead.locale ?? 'fr';
    const { outcome } = this.playbook.messages;
    if (decision.route === 'disqualify') {
      const knockout = this.playbook.knockouts.find((candidate) => candidate.id === decision.knockouts[0]?.id);
      return render(this.playbook, knockout?.close ?? outcome.disqualify, locale);
    }
    if (decision.route === 'handoff') return render(this.playbook, decision.handoffReason === 'ambiguous' ? outcome.handoffAmbiguous : outcome.handoff, locale);
    return render(this.playbook, decision.tier === 'warm' ? outcome.nurture : outcome.nurtureCold, locale);
  }

  /** After the route: collect a contact if one is given, otherwise a short acknowledgement. */
  private async afterOutcome(context: TurnContext, lead: LeadState, text: string): Promise<void> {
    const locale = lead.locale ?? 'fr';
    if (!text) return;
    const read = await this.qualifier.read(lead, text);
    const contact = read.lead.contact.email ?? read.lead.contact.phone;
    const isNewContact = contact && contact !== (lead.contact.email ?? lead.contact.phone);
    const updated: LeadState = { ...read.lead, sheet: lead.sheet };
    await this.leadAccessor.set(context, updated);
    if (isNewContact) await this.leadChanged(updated, context);
    const message = isNewContact ? render(this.playbook, this.playbook.messages.contactThanks, locale, { contact }) : render(this.playbook, this.playbook.messages.afterOutcome, locale);
    await context.sendActivity(message);
  }

  private async loadLead(context: TurnContext): Promise<LeadState> {
    return this.leadAccessor.get(context, newLeadState(context.activity.channelId));
  }

  /** The activity's locale, else the language of the first message, else the channel's default, else French. */
  private localeFor(context: TurnContext, text: string): { locale: Locale; source: NonNullable<LeadState['localeSource']> } {
    const fromActivity = toLocale(context.activity.locale);
    if (fromActivity) return { locale: fromActivity, source: 'activity' };
    const detected = detectLocale(text);
    return detected ? { locale: detected, source: 'detected' } : { locale: channelDefaultLocale(context) ?? 'fr', source: 'default' };
  }
}

/** The language a channel falls back to for its people (e.g. SLACK_DEFAULT_LOCALE), when it set one. */
function channelDefaultLocale(context: TurnContext): Locale | undefined {
  const data = context.activity.channelData as { qualibot?: { defaultLocale?: unknown } } | undefined;
  return typeof data?.qualibot?.defaultLocale === 'string' ? toLocale(data.qualibot.defaultLocale) : undefined;
}

/** Page context a channel attached (widget: URL, referrer, UTM, pages viewed). */
function pageContextOf(context: TurnContext): PageContext {
  const data = context.activity.channelData as { qualibot?: { context?: PageContext } } | undefined;
  const raw = data?.qualibot?.context;
  if (!raw || typeof raw !== 'object') return {};
  const safe: PageContext = {};
  for (const [key, value] of Object.entries(raw).slice(0, 30)) {
    if (['string', 'number', 'boolean'].includes(typeof value)) safe[key.slice(0, 64)] = typeof value === 'string' ? value.slice(0, 512) : value;
  }
  return safe;
}

/**
 * Every turn Qualibot's core hands back to the bot was created by a botbuilder adapter (the Agents SDK runtime
 * bridges its turns onto one, src/runtime/agents-adapter.ts); the core only saw it through its narrower port.
 */
function sdkTurn(context: Turn): TurnContext {
  return context as unknown as TurnContext;
}
