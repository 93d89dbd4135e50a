import { continuationLogic, type TurnLogic } from '../self-hosted-continuation.js';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { OnePerTick } from './one-per-tick.js';
import { normalizeLocale } from './page-context.js';
import { activityFrame } from './socket-client.js';
import {
  WIDGET_BOT_ACCOUNT,
  WIDGET_CHANNEL_ID,
  WIDGET_SERVICE_URL,
  conversationAccount,
  visitorAccount,
} from './widget-accounts.js';
import { type WidgetConversation, WidgetConversations } from './widget-conversations.js';
import type { WidgetHistory } from './widget-history.js';
import type { ClientActivity } from './wire-protocol.js';

/** The bot the widget talks to: an ActivityHandler (or anything with its `run`). */
export interface WidgetBot {
  run(context: TurnContext): Promise<void>;
}

export interface WidgetAdapterDependencies {
  bot: WidgetBot;
  history: WidgetHistory;
  conversations: WidgetConversations;
  logger: Logger;
}


/** What `receive` did: the echo the browser got, and the bot turn it started. */
export interface ReceivedActivity {
  echo: Partial<Activity>;
  /** Settles when the bot has handled the activity (errors go to `onTurnError` or the log). */
  turn: Promise<void>;
}

/**
 * Bot Framework adapter for the self-hosted website widget. Incoming activities become TurnContexts
 * run through the middleware and the bot; outgoing ones get server ids and timestamps, are stored in
 * the history and pushed to every open socket of the conversation (several tabs share one).
 */
export class WidgetAdapter extends BotAdapter {
  /** Starts one turn per event-loop iteration: acknowledgements never queue behind a burst of turns. */
  private readonly pacer = new OnePerTick();
  /** The conversation whose turn the current async call chain runs in, if any. */

  constructor(private readonly deps: WidgetAdapterDependencies) {
    super();
  }

  /** Whether this process holds an open socket of the conversation (multi-instance delivery). */
  isConnectedHere(reference: Partial<ConversationReference>): boolean {
    const id = reference.conversation?.id;
    return id !== undefined && (this.deps.conversations.get(id)?.clients.size ?? 0) > 0;
  }

  /** Runs the `conversationUpdate` (visitor added) that lets the bot greet first. */
  startConversation(conversation: WidgetConversation): Promise<void> {
    const visitor = visitorAccount(conversation.visitorId);
    const activity: Partial<Activity> = {
      type: ActivityTypes.ConversationUpdate,
      id: randomUUID(),
      timestamp: new Date(),
      channelId: WIDGET_CHANNEL_ID,
      serviceUrl: WIDGET_SERVICE_URL,
      conversation: conversationAccount(conversation.id),
      from: visitor,
      recipient: WIDGET_BOT_ACCOUNT,
      membersAdded: [visitor],
      locale: conversation.locale,
      // The widget's panel shows the privacy notice above the conversation: the bot need not repeat it.
      channelData: { qualibot: { context: conversation.context, noticeShown: true } },
    };
    return this.runTurn(conversation, activity, (context) => this.deps.bot.run(context));
  }

  /**
   * An activity the visitor sent: the server sets ids, sender and conversation (whatever the browser
   * claimed), echoes it (Web Chat marks a message failed without the echo) and hands it to the bot.
   * A resend of a message already received (same clientActivityID) is ignored: undefined.
   */
  async receive(conversation: WidgetConversation, incoming: ClientActivity): Promise<ReceivedActivity | undefined> {
    const clientActivityId = incoming.channelData?.clientActivityID;
    if (clientActivityId && !WidgetConversations.rememberClientActivity(conversation, clientActivityId)) return undefined;
    const { localTimestamp, ...fields } = incoming;
    const echo: Partial<Activity> = {
      ...fields,
      // Kept as the browser's ISO string (typed Date in the SDK), like Direct Line does: it carries the visitor's UTC offset.
      ...(localTimestamp ? { localTimestamp: localTimestamp as unknown as Date } : {}),
      id: randomUUID(),
      timestamp: new Date(),
      channelId: WIDGET_CHANNEL_ID,
      serviceUrl: WIDGET_SERVICE_URL,
      conversation: conversationAccount(conversation.id),
      from: visitorAccount(conversation.visitorId),
      recipient: WIDGET_BOT_ACCOUNT,
      locale: normalizeLocale(incoming.locale, conversation.locale),
    };
    await this.publish(conversation.id, echo, true);
    const forBot: Partial<Activity> = { ...echo, channelData: { ...echo.channelData, qualibot: { context: conversation.context } } };
    const turn = this.runTurn(conversation, forBot, (context) => this.deps.bot.run(context));
    return { echo, turn };
  }

  /** A reference to a widget conversation, for proactive messages (e.g. a salesperson joining). */
  conversationReference(conversationId: string): Partial<ConversationReference> {
    const conversation = this.deps.conversations.get(conversationId);
    return {
      channelId: WIDGET_CHANNEL_ID,
      serviceUrl: WIDGET_SERVICE_URL,
      conversation: conversationAccount(conversationId),
      bot: WIDGET_BOT_ACCOUNT,
      user: conversation ? visitorAccount(conversation.visitorId) : undefined,
      locale: conversation?.locale,
    };
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await sleep(typeof activity.value === 'number' ? activity.value : 1000);
        responses.push({ id: '' });
        continue;
      }
      // Traces are for the emulator and invoke responses for HTTP channels: neither is shown to visitors.
      if (activity.type === ActivityTypes.Trace || activity.type === ActivityTypes.InvokeResponse) {
        responses.push({ id: '' });
        continue;
      }
      const outgoing = this.outgoing(this.conversationIdOf(context, activity), activity);
      // Typing is relayed live but not stored: a replayed "…" an hour later would mean nothing.
      await this.publish(outgoing.conversation!.id, outgoing, outgoing.type !== ActivityTypes.Typing);
      responses.push({ id: outgoing.id! });
    }
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    if (!activity.id) throw new Error('updateActivity needs the id of the activity to replace.');
    const conversationId = this.conversationIdOf(context, activity);
    // Web Chat replaces an activity that arrives again with the same id; keeping its sequence id keeps its place.
    const updated = { ...this.outgoing(conversationId, activity), id: activity.id };
    updated.channelData = this.keepSequence(conversationId, activity.id, activity.channelData);
    await this.publish(conversationId, updated, true);
    return { id: activity.id };
  }

  override async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    if (!reference.activityId) throw new Error('deleteActivity needs reference.activityId.');
    const conversationId = reference.conversation?.id ?? this.conversationIdOf(context, {});
    const tombstone: Partial<Activity> = {
      type: ActivityTypes.MessageDelete,
      id: reference.activityId,
      timestamp: new Date(),
      channelId: WIDGET_CHANNEL_ID,
      serviceUrl: WIDGET_SERVICE_URL,
      conversation: conversationAccount(conversationId),
      from: WIDGET_BOT_ACCOUNT,
      channelData: this.keepSequence(conversationId, reference.activityId, undefined),
    };
    await this.publish(conversationId, tombstone, true);
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) throw new Error('continueConversation needs reference.conversation.id.');
    const trigger: Partial<Activity> = { type: ActivityTypes.Event, name: 'continueConversation', id: randomUUID(), timestamp: new Date() };
    const activity = TurnContext.applyConversationReference(
      trigger,
      { channelId: WIDGET_CHANNEL_ID, serviceUrl: WIDGET_SERVICE_URL, ...reference, conversation: conversationAccount(conversationId) },
      true,
    );
    // Run at once, as CloudAdapter does for the Bot Framework channels: not queued behind the visitor's
    // turn, since a turn may send to its own conversation and would then wait for itself. Knowing whether
    // the caller is inside that turn would take an AsyncLocalStorage, whose promise hooks slow every
    // turn of the process. Proactive logic only sends; it never writes the bot's conversation state.
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** Accepts every form of the base class (app id, claims identity, optional audience): the widget has no auth to check. */
  override async continueConversationAsync(
    _botAppIdOrClaimsIdentity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: TurnLogic | string,
    logic?: TurnLogic,
  ): Promise<void> {
    await this.continueConversation(reference, continuationLogic(logicOrAudience, logic));
  }

  private runTurn(conversation: WidgetConversation, activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    return conversation.turns.run(async () => {
      // Echoes are written before this (receive), and turns of different conversations take turns with the sockets.
      await this.pacer.turn();
      try {
        await this.runMiddleware(new TurnContext(this, activity), logic);
      } catch (error) {
        // Only reached when no onTurnError is set (or it threw): the visitor's socket must survive it.
        this.deps.logger.error({ err: error, conversationId: conversation.id, activityType: activity.type }, 'widget turn failed');
      }
    });
  }

  /** Server-owned fields on an activity going to the visitor. */
  private outgoing(conversationId: string, activity: Partial<Activity>): Partial<Activity> {
    const { replyToId, ...rest } = activity;
    // Web Chat holds a reply back (up to 5 s) until it has seen what it replies to: only keep ids it has seen.
    const knownTarget = replyToId !== undefined && this.deps.conversations.get(conversationId)?.sequenceIds.has(replyToId);
    return {
      ...rest,
      ...(knownTarget ? { replyToId } : {}),
      id: randomUUID(),
      timestamp: new Date(),
      channelId: WIDGET_CHANNEL_ID,
      serviceUrl: WIDGET_SERVICE_URL,
      conversation: conversationAccount(conversationId),
      from: activity.from ?? WIDGET_BOT_ACCOUNT,
    };
  }

  private keepSequence(conversationId: string, activityId: string, channelData: unknown): Record<string, unknown> {
    const original = this.deps.conversations.get(conversationId)?.sequenceIds.get(activityId);
    const data = { ...(channelData as Record<string, unknown> | undefined) };
    if (original !== undefined) data['webchat:sequence-id'] = original;
    return data;
  }

  private conversationIdOf(context: TurnContext, activity: Partial<Activity>): string {
    const id = activity.conversation?.id ?? context.activity.conversation?.id;
    if (!id) throw new Error('The activity has no conversation id.');
    return id;
  }

  /** Stores (unless typing) and pushes to every open socket, in sequence order. Returns the sequence number. */
  private async publish(conversationId: string, activity: Partial<Activity>, store: boolean): Promise<number | undefined> {
    const conversation = this.deps.conversations.get(conversationId);
    const write = async (): Promise<number | undefined> => {
      if (!store) {
        for (const client of conversation?.clients ?? []) client.push({ type: 'activity', activity });
        return undefined;
      }
      const seq = await this.deps.history.append(conversationId, activity);
      if (conversation) conversation.lastSeq = Math.max(conversation.lastSeq, seq);
      if (conversation && activity.id && !conversation.sequenceIds.has(activity.id)) conversation.sequenceIds.set(activity.id, seq);
      const frame = activityFrame({ seq, activity });
      for (const client of conversation?.clients ?? []) client.push(frame, seq);
      return seq;
    };
    return conversation ? conversation.outbox.run(write) : write();
  }
}
