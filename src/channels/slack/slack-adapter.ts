import { randomUUID } from 'node:crypto';
import { continuationLogic, type TurnLogic } from '../self-hosted-continuation.js';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.js';
import { KeyedQueue } from './keyed-queue.js';
import { SLACK_CHANNEL_ID } from './slack-constants.js';
import { parseSlackConversationId, type SlackConversationKey } from './slack-conversation-id.js';
import { slackBotAccount, slackConversationAccount, type SlackChannelData } from './slack-inbound.js';
import { answeredBlocks, toSlackMessage } from './slack-outbound.js';


export interface SlackAdapterOptions {
  client: WebClient;
  logger: Logger;
  /** The Slack API URL: the serviceUrl of our activities, telling them apart from Azure's Slack channel. */
  serviceUrl: string;
  /** Pause between two messages to the same Slack channel. */
  minSendIntervalMs: number;
}

/**
 * Bot Framework adapter for a self-hosted Slack app. Incoming Slack events (already mapped to
 * activities) run as turns, one at a time per conversation; what the bot sends goes out through
 * the Web API (`chat.postMessage`, `chat.update`, `chat.delete`), paced per channel to stay under
 * Slack's one-message-per-second limit.
 */
export class SlackAdapter extends BotAdapter {
  private readonly turns = new KeyedQueue();
  private readonly sends: KeyedQueue;
  private botUser?: Promise<string | undefined>;

  constructor(private readonly options: SlackAdapterOptions) {
    super();
    this.sends = new KeyedQueue(options.minSendIntervalMs);
  }

  get client(): WebClient {
    return this.options.client;
  }

  /**
   * Runs the turn for an incoming activity after those already queued for its conversation.
   * Never rejects: a failure ends in `onTurnError` (which answers the visitor) or in the log.
   */
  processActivity(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    const conversationId = activity.conversation?.id ?? '';
    return this.turns
      .run(conversationId, () => this.runMiddleware(new TurnContext(this, activity), logic))
      .catch((error: unknown) => {
        this.options.logger.error({ err: error, conversationId, activityId: activity.id }, 'slack turn failed');
      });
  }

  /** The bot's Slack user id (`auth.test`, asked once); undefined while Slack cannot be reached. */
  botUserId(): Promise<string | undefined> {
    this.botUser ??= this.options.client.auth
      .test()
      .then((result) => result.user_id)
      .catch((error: unknown) => {
        this.botUser = undefined;
        this.options.logger.warn({ err: error }, 'slack auth.test failed');
        return undefined;
      });
    return this.botUser;
  }

  /** A reference to a Slack conversation (`team:channel[:thread_ts]`), for proactive messages. */
  conversationReference(conversationId: string, botUserId?: string): Partial<ConversationReference> {
    return {
      channelId: SLACK_CHANNEL_ID,
      serviceUrl: this.options.serviceUrl,
      conversation: slackConversationAccount(parseSlackConversationId(conversationId)),
      bot: slackBotAccount(botUserId),
    };
  }

  /** True for references this adapter can serve (Azure's Slack channel has another serviceUrl). */
  handles(reference: Partial<ConversationReference>): boolean {
    return reference.channelId === SLACK_CHANNEL_ID && reference.serviceUrl === this.options.serviceUrl;
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await sleep(typeof activity.value === 'number' ? activity.value : 1000);
        responses.push({ id: '' });
        continue;
      }
      // Slack has no typing indicator for bots on the Web API; traces and invoke responses are not for people.
      const message = activity.type === ActivityTypes.Message ? toSlackMessage(activity) : undefined;
      if (!message) {
        responses.push({ id: '' });
        continue;
      }
      const key = this.replyKeyOf(context, activity);
      const ts = await this.sends.run(key.channel, async () => {
        const result = await this.options.client.chat.postMessage({
          channel: key.channel,
          ...(key.threadTs ? { thread_ts: key.threadTs } : {}),
          text: message.text,
          ...(message.blocks ? { blocks: message.blocks } : {}),
          unfurl_links: false,
          unfurl_media: false,
        });
        return result.ts ?? '';
      });
      responses.push({ id: ts });
    }
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    if (!activity.id) throw new Error('updateActivity needs the id (Slack ts) of the message to replace.');
    const message = toSlackMessage(activity) ?? { text: ' ' };
    const key = this.keyOf(context, activity);
    await this.options.client.chat.update({ channel: key.channel, ts: activity.id, text: message.text, blocks: message.blocks ?? [] });
    return { id: activity.id };
  }

  override async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    if (!reference.activityId) throw new Error('deleteActivity needs reference.activityId (the Slack ts).');
    const conversationId = reference.conversation?.id ?? context.activity.conversation?.id;
    if (!conversationId) throw new Error('deleteActivity needs a conversation id.');
    const { channel } = parseSlackConversationId(conversationId);
    await this.options.client.chat.delete({ channel, ts: reference.activityId });
  }

  /**
   * Runs a Web API call in the channel's paced lane, with the bot's own messages (about one per
   * second per channel; a 429 waits for Retry-After): for callers posting Block Kit themselves (SDR notifications).
   */
  paced<T>(channel: string, call: (client: WebClient) => Promise<T>): Promise<T> {
    return this.sends.run(channel, () => call(this.options.client));
  }

  /** Replaces a clicked question's buttons with the answer, so it cannot be answered twice. */
  async markAnswered(channel: string, ts: string, blocks: unknown[] | undefined, text: string, answer: string): Promise<void> {
    await this.options.client.chat.update({ channel, ts, text, blocks: answeredBlocks(blocks, text, answer) });
  }

  /**
   * Runs `logic` in a conversation without an incoming message (proactive). Queued behind any
   * running turn of that conversation, so do not await it from inside one of its own turns.
   */
  override async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) throw new Error('continueConversation needs reference.conversation.id.');
    // Azure's Slack channel uses the same channel id: its conversations are not ours to post to.
    if (reference.serviceUrl && reference.serviceUrl !== this.options.serviceUrl) {
      throw new Error(`Not a self-hosted Slack conversation (serviceUrl ${reference.serviceUrl}); send it through the Bot Framework adapter.`);
    }
    const trigger: Partial<Activity> = { type: ActivityTypes.Event, name: 'continueConversation', id: randomUUID(), timestamp: new Date() };
    const activity = TurnContext.applyConversationReference(
      trigger,
      { channelId: SLACK_CHANNEL_ID, serviceUrl: this.options.serviceUrl, ...reference, conversation: reference.conversation! },
      true,
    );
    await this.turns.run(conversationId, () => this.runMiddleware(new TurnContext(this, activity), logic));
  }

  /** Accepts every form of the base class (app id, claims identity, optional audience): Slack has no Bot Framework auth. */
  override async continueConversationAsync(
    _botAppIdOrClaimsIdentity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: TurnLogic | string,
    logic?: TurnLogic,
  ): Promise<void> {
    await this.continueConversation(reference, continuationLogic(logicOrAudience, logic));
  }

  /** Resolves once every queued turn and message has been handled (graceful shutdown, tests). */
  async idle(): Promise<void> {
    await this.turns.idle();
    await this.sends.idle();
  }

  /** Where a message goes: its conversation, in the thread the visitor wrote in when this turn answers a DM thread. */
  private replyKeyOf(context: TurnContext, activity: Partial<Activity>): SlackConversationKey {
    const key = this.keyOf(context, activity);
    const incoming = context.activity;
    if (key.threadTs || (activity.conversation?.id && activity.conversation.id !== incoming.conversation?.id)) return key;
    const replyThreadTs = (incoming.channelData as { slack?: SlackChannelData } | undefined)?.slack?.replyThreadTs;
    return replyThreadTs ? { ...key, threadTs: replyThreadTs } : key;
  }

  private keyOf(context: TurnContext, activity: Partial<Activity>): SlackConversationKey {
    const id = activity.conversation?.id ?? context.activity.conversation?.id;
    if (!id) throw new Error('The activity has no conversation id.');
    return parseSlackConversationId(id);
  }
}
