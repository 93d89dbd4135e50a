import type { Logger } from 'pino';
import { normalizeLocale, parsePageContext } from './page-context.js';
import type { WidgetAdapter } from './widget-adapter.js';
import { type WidgetConversation, WidgetConversations } from './widget-conversations.js';
import type { WidgetHistory } from './widget-history.js';
import { randomId, type WidgetTokens } from './widget-tokens.js';

/** What the loader sends when the visitor opens the chat (and on every reconnect). */
export interface SessionRequest {
  visitorToken?: unknown;
  context?: unknown;
  locale?: unknown;
}

/** The answer: the server-chosen conversation and the tokens to resume it and to open its socket. */
export interface SessionResponse {
  visitorToken: string;
  conversationId: string;
  socketToken: string;
  /** True when an existing conversation (with its history) was resumed. */
  resumed: boolean;
}

export interface WidgetSessionsDependencies {
  adapter: WidgetAdapter;
  conversations: WidgetConversations;
  history: WidgetHistory;
  tokens: WidgetTokens;
  logger: Logger;
}

/**
 * Creates or resumes widget conversations. A valid visitor token resumes its conversation (reload,
 * second tab, reconnect); anything else starts a new one, and the bot greets first.
 */
export class WidgetSessions {
  constructor(private readonly deps: WidgetSessionsDependencies) {}

  async open(request: SessionRequest): Promise<SessionResponse> {
    const locale = normalizeLocale(request.locale);
    const context = parsePageContext(request.context);
    const claims = this.deps.tokens.verifyVisitorToken(request.visitorToken);

    if (claims) {
      const conversation = this.deps.conversations.get(claims.conversationId) ?? (await this.restore(claims.conversationId, claims.visitorId, locale));
      if (conversation && conversation.visitorId === claims.visitorId) {
        conversation.locale = locale;
        conversation.context = context;
        return this.answer(conversation, true);
      }
    }

    // Same visitor (when the token was valid) in a new conversation: nothing left to resume.
    const conversation = this.deps.conversations.create({
      id: randomId('c'),
      visitorId: claims?.visitorId ?? randomId('v'),
      locale,
      context,
    });
    this.deps.logger.info({ conversationId: conversation.id, locale }, 'widget conversation started');
    // Not awaited: the greeting reaches the socket (live or replayed), the session answer need not wait for it.
    void this.deps.adapter.startConversation(conversation);
    return this.answer(conversation, false);
  }

  /** After a restart (or eviction) the token is still good: rebuild the conversation if it has a history. */
  private async restore(conversationId: string, visitorId: string, locale: WidgetConversation['locale']): Promise<WidgetConversation | undefined> {
    const past = await this.deps.history.since(conversationId, 0);
    if (past.length === 0) return undefined;
    const conversation = this.deps.conversations.get(conversationId) ?? this.deps.conversations.create({ id: conversationId, visitorId, locale, context: {} });
    for (const { seq, activity } of past) {
      conversation.lastSeq = Math.max(conversation.lastSeq, seq);
      if (activity.id && !conversation.sequenceIds.has(activity.id)) conversation.sequenceIds.set(activity.id, seq);
      const clientActivityId = (activity.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
      if (typeof clientActivityId === 'string' && activity.from?.role === 'user') WidgetConversations.rememberClientActivity(conversation, clientActivityId);
    }
    return conversation;
  }

  private answer(conversation: WidgetConversation, resumed: boolean): SessionResponse {
    const claims = { visitorId: conversation.visitorId, conversationId: conversation.id };
    return {
      visitorToken: this.deps.tokens.issueVisitorToken(claims),
      conversationId: conversation.id,
      socketToken: this.deps.tokens.issueSocketToken(claims),
      resumed,
    };
  }
}
