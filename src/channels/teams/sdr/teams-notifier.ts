import { ActivityTypes, Channels, type Activity, type Attachment, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Logger } from '../../../logger.js';
import type { HandoffRecord, HandoffRepository } from '../../../storage/ports/handoffs.js';
import type { LeadPacket } from '../../../handoff/lead-packet.js';
import type { HandoffNotifier } from '../../../handoff/notifiers/handoff-notifier.js';
import { describeHandoff, leadCardLabels } from '../../../handoff/notifiers/lead-notification.js';
import type { TeamsSdrChannelConfig } from '../../../handoff/notifiers/sdr-channel-config.js';
import { translate } from '../../../i18n/translate.js';
import type { SdrThreadStore } from '../../../handoff/notifiers/sdr-thread-store.js';
import { plain, teamsLeadCard } from './teams-lead-card.js';
import type { RejectionReason } from '../../../feedback/rejection-reasons.js';

/** The part of botbuilder's `CloudAdapter` this needs (one without the visitor middleware). */
export interface TeamsProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** The Bot Connector call that starts a channel thread (botframework-connector's `conversations.createConversation`). */
interface ConversationsClient {
  conversations: {
    createConversation(parameters: { isGroup: boolean; channelData: unknown; activity: Partial<Activity>; tenantId?: string }): Promise<{ id?: string; activityId?: string }>;
  };
}

export interface TeamsNotifierDeps {
  adapter: TeamsProactiveAdapter;
  /** `MicrosoftAppId` (empty in unauthenticated dev mode). */
  appId: string;
  config: TeamsSdrChannelConfig;
  handoffs: Pick<HandoffRepository, 'get'>;
  threads: SdrThreadStore;
  logger: Logger;
  /** `PUBLIC_URL`, for the "Open in console" button. */
  publicUrl?: string;
  /** The playbook's rejection reasons, offered on live cards. */
  reasons?: readonly RejectionReason[];
}

/** SDR ids of people acting from Teams: `teams:<AAD object id>`. */
export const TEAMS_SDR_PREFIX = 'teams:';

/**
 * Posts each handoff as an Adaptive Card that starts a thread in the SDR channel, keeps the card
 * in step with the handoff (claimed, released, closed), and writes the visitor's messages (and
 * console SDRs' answers) in the thread. Replies and clicks come back through `TeamsSdrDesk`.
 */
export class TeamsNotifier implements HandoffNotifier {
  readonly name = 'teams';

  constructor(private readonly deps: TeamsNotifierDeps) {}

  async onQueued(handoff: HandoffRecord, _packet: LeadPacket): Promise<void> {
    const { config, threads } = this.deps;
    const activity: Partial<Activity> = { type: ActivityTypes.Message, attachments: [this.card(handoff)], summary: describeHandoff(handoff, config.locale).fallback };
    let created: { id?: string; activityId?: string } = {};
    await this.deps.adapter.continueConversationAsync(this.deps.appId, this.channelReference(config.channelId), async (context) => {
      const client = context.turnState.get<ConversationsClient>(context.adapter.ConnectorClientKey);
      created = await client.conversations.createConversation({
        isGroup: true,
        channelData: { channel: { id: config.channelId }, ...(config.tenantId ? { tenant: { id: config.tenantId } } : {}) },
        activity,
        ...(config.tenantId ? { tenantId: config.tenantId } : {}),
      });
    });
    if (!created.activityId) throw new Error('Teams created the SDR thread without an activity id');
    // A channel thread's conversation id is `<channel id>;messageid=<root message id>`.
    const conversationId = created.id?.includes(';messageid=') ? created.id : `${config.channelId};messageid=${created.activityId}`;
    const thread = { handoffId: handoff.id, conversationId, messageId: created.activityId };
    await threads.save(thread);
    this.deps.logger.info({ handoffId: handoff.id, conversationId }, 'sdr card posted to teams');
    // Claimed (elsewhere) while the card was being posted: that update found no card, so show it now.
    const fresh = await this.deps.handoffs.get(handoff.id);
    if (fresh && fresh.updatedAt !== handoff.updatedAt) await this.updateCard(fresh, thread.conversationId, thread.messageId);
  }

  async onChanged(handoff: HandoffRecord): Promise<void> {
    const thread = await this.deps.threads.byHandoff(handoff.id);
    if (thread) await this.updateCard(handoff, thread.conversationId, thread.messageId);
  }

  async onVisitorMessage(handoff: HandoffRecord, text: string): Promise<void> {
    await this.postInThread(handoff, translate('sdr.visitorLine', this.deps.config.locale, { text: plain(text) }));
  }

  async onSdrMessage(handoff: HandoffRecord, sdrName: string, text: string): Promise<void> {
    // Written in this very thread by a Teams SDR: Teams shows it already.
    if (handoff.sdrId?.startsWith(TEAMS_SDR_PREFIX)) return;
    await this.postInThread(handoff, translate('sdr.sdrLine', this.deps.config.locale, { sdr: plain(sdrName), text: plain(text) }));
  }

  private async postInThread(handoff: HandoffRecord, text: string): Promise<void> {
    const thread = await this.deps.threads.waitByHandoff(handoff.id);
    if (!thread) return;
    await this.deps.adapter.continueConversationAsync(this.deps.appId, this.channelReference(thread.conversationId), async (context) => {
      await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'markdown' });
    });
  }

  private async updateCard(handoff: HandoffRecord, conversationId: string, messageId: string): Promise<void> {
    await this.deps.adapter.continueConversationAsync(this.deps.appId, this.channelReference(conversationId), async (context) => {
      await context.updateActivity({ type: ActivityTypes.Message, id: messageId, attachments: [this.card(handoff)] });
    });
  }

  private card(handoff: HandoffRecord): Attachment {
    const { locale } = this.deps.config;
    return teamsLeadCard(describeHandoff(handoff, locale, this.deps.publicUrl, this.deps.reasons), leadCardLabels(locale));
  }

  private channelReference(conversationId: string): Partial<ConversationReference> {
    const { config, appId } = this.deps;
    return {
      channelId: Channels.Msteams,
      serviceUrl: config.serviceUrl,
      conversation: { id: conversationId, isGroup: true, conversationType: 'channel', name: '', ...(config.tenantId ? { tenantId: config.tenantId } : {}) },
      bot: { id: appId ? `28:${appId}` : 'qualibot', name: 'Qualibot' },
    };
  }
}
