import type { TurnContext } from './turn.js';
import type { LeadState } from '../qualification/lead-state.js';
import type { Decision } from '../qualification/types.js';

/** Event a channel sends when the visitor has gone (tab closed, replay script finished). */
export const VISITOR_LEFT_EVENT = 'qualibot.visitorLeft';

/** Told about every lead whose route was decided (handoff queue, CRM outbox, metrics). */
export interface DecisionListener {
  onDecision(lead: LeadState, decision: Decision, context: TurnContext): Promise<void>;
  /** A decided lead changed afterwards (e.g. the visitor left an email). */
  onLeadChanged?(lead: LeadState, context: TurnContext): Promise<void>;
  /** The visitor has gone (`qualibot.visitorLeft` event or endOfConversation), whatever the lead's status. */
  onVisitorLeft?(conversationId: string, context: TurnContext): Promise<void>;
}

/** Lets later features (live handoff) take a message before the bot answers it. */
export interface MessageInterceptor {
  /** Returns true when it handled the message and the bot must stay silent. */
  intercept(lead: LeadState, context: TurnContext): Promise<boolean>;
}

/** The lead of the conversation a turn belongs to, as the bot keeps it. */
export interface TurnLeads {
  get(context: TurnContext): Promise<LeadState | undefined>;
  set(context: TurnContext, lead: LeadState): Promise<void>;
  /** A decided lead changed outside the dialog (e.g. a contact left while waiting for an SDR): tells the listeners. */
  changed(lead: LeadState, context: TurnContext): Promise<void>;
}

/**
 * What a feature plugged into the bot (handoff, CRM recording, metrics) receives: explicit places to hook in,
 * never the bot itself. Hooks are added while the app is composed, before the first turn.
 */
export interface BotPorts {
  addDecisionListener(listener: DecisionListener): void;
  addMessageInterceptor(interceptor: MessageInterceptor): void;
  readonly leads: TurnLeads;
}
