import { randomUUID } from 'node:crypto';
import type { TurnContext } from '../bot/turn.js';
import type { Activity } from '../channels/activity.js';
import { ActivityTypes, Channels, handoffInitiation } from '../channels/protocol.js';
import { VISITOR_LEFT_EVENT, type DecisionListener } from '../bot/bot-ports.js';
import type { Logger } from '../logger.js';
import type { Playbook } from '../playbook/schema.js';
import type { LeadState } from '../qualification/lead-state.js';
import type { Decision, Locale } from '../qualification/types.js';
import type { Database } from '../storage/ports/database.js';
import type { HandoffRecord } from '../storage/ports/handoffs.js';
import type { TranscriptEntry } from '../storage/ports/transcripts.js';
import { isOpen } from './business-hours.js';
import { contactLabel } from './contact-capture.js';
import type { HandoffConfig } from './handoff-config.js';
import type { HandoffService } from './handoff-service.js';
import { END_REASONS } from './handoff-state-machine.js';
import { translate } from '../i18n/translate.js';
import { buildLeadPacket, type LeadPacket } from './lead-packet.js';
import { accountOwnerFor } from './packet-enrichment.js';
import { suggestFor } from './queue-view.js';
import type { ConversationReferenceKeeper } from './reference-keeper.js';

export interface HandoffListenerDeps {
  db: Pick<Database, 'handoffs' | 'transcripts' | 'sdrs'>;
  references: ConversationReferenceKeeper;
  service: HandoffService;
  playbook: Playbook;
  config: HandoffConfig;
  logger: Logger;
  now: () => Date;
}

/**
 * On a `handoff` decision: queue the lead packet for the SDRs, tell the channel (Bot Framework
 * handoff event), and tell the visitor what happens next — an expert is coming, or, outside
 * business hours, the booking link and a callback.
 */
export class HandoffListener implements DecisionListener {
  constructor(private readonly deps: HandoffListenerDeps) {}

  /** A waiting visitor who leaves ends their handoff (or turns it into a callback task). */
  async onVisitorLeft(conversationId: string): Promise<void> {
    await this.deps.service.visitorLeft(conversationId);
  }

  async onDecision(lead: LeadState, decision: Decision, context: TurnContext): Promise<void> {
    if (decision.route !== 'handoff') return;
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) return;
    const { db, service, logger } = this.deps;
    await this.deps.references.save(context);
    // A channel retry or a second decision in the same conversation must not queue the lead twice.
    if (await db.handoffs.getOpenByConversation(conversationId)) return;

    const now = this.deps.now();
    const sdrs = await db.sdrs.list();
    // An existing customer goes to its account owner (when the owner has an SDR account), not to a new-business SDR.
    const accountOwner = await accountOwnerFor(this.deps.playbook, lead.sheet.enrichment?.result, db.sdrs);
    // The open handoffs are read only to spread the load over SDR accounts: without accounts (the SDRs work from
    // Teams or Slack) or with an account owner, there is nobody to pick and the read grows with the queue.
    const open = sdrs.length > 0 && !accountOwner ? await db.handoffs.list({ status: ['queued', 'live'] }) : [];
    const suggestedSdr = accountOwner?.sdr ?? suggestFor(sdrs, open);
    const packet: LeadPacket = {
      ...buildLeadPacket({ playbook: this.deps.playbook, lead, decision, conversationId, now }),
      ...(suggestedSdr ? { suggestedSdr } : {}),
      ...(accountOwner ? { accountOwner } : {}),
    };
    const handoff = await db.handoffs.create({
      id: randomUUID(),
      conversationId,
      leadId: lead.leadId,
      reason: packet.handoffReason,
      score: decision.score,
      tier: decision.tier,
      packet,
    });
    logger.info({ handoffId: handoff.id, conversationId, leadId: lead.leadId, reason: handoff.reason, score: handoff.score }, 'handoff queued');
    await this.announceToChannel(context, handoff, packet);

    // Decided because the visitor closed the page: nobody to talk to, straight to the callback queue.
    if (visitorIsGone(context)) {
      await service.expire(handoff, END_REASONS.visitorLeft);
      return;
    }
    const send = (activities: Partial<Activity>[]) => context.sendActivities(activities);
    if (!isOpen({ windows: this.deps.config.businessHours, timeZone: this.deps.config.timeZone }, now)) {
      await service.expire(handoff, END_REASONS.outsideBusinessHours, send);
      return;
    }
    await service.publishQueue('created', handoff);
    // One message: an expert is coming, and how long it may take (each message is a round trip to the channel).
    await service.botSays(handoff, [`${translate(contactLabel(packet.contact) ? 'handoff.waiting' : 'handoff.waitingAskContact', packet.locale)} ${await this.honestWait(handoff, packet.locale)}`], send);
  }

  /** Where the visitor stands and for how long at most (after the assignment timeout they are offered a callback), and the booking link at once. */
  private async honestWait(handoff: HandoffRecord, locale: Locale): Promise<string> {
    // Counted in the database whether or not the open handoffs were read above (they are not without SDR accounts).
    const ahead = await this.deps.db.handoffs.countQueuedAhead(handoff);
    const minutes = String(Math.max(1, Math.ceil(this.deps.config.assignmentTimeoutS / 60)));
    const wait = translate(ahead === 0 ? 'handoff.waitEstimateFirst' : 'handoff.waitEstimate', locale, { position: String(ahead + 1), minutes });
    return this.deps.config.bookingUrl ? `${wait} ${translate('booking.early', locale, { bookingUrl: this.deps.config.bookingUrl })}` : wait;
  }

  /**
   * The Bot Framework handoff initiation event (type `event`, name `handoff.initiate` as botbuilder 4.23's
   * `EventFactory` set it), for agent hubs listening on the channel.
   * Not on Teams: it rejects that event with HTTP 400 (botframework-sdk issue 5920).
   */
  private async announceToChannel(context: TurnContext, handoff: HandoffRecord, packet: LeadPacket): Promise<void> {
    if (context.activity.channelId === Channels.Msteams) return;
    const transcript = await this.deps.db.transcripts.list(handoff.conversationId);
    // The visitor's own channel receives this event: no score, tier, lead id or score-derived reason (SDRs read those in the console).
    const summary = { handoffId: handoff.id, summary: packet.summary, locale: packet.locale };
    const event = handoffInitiation(context.activity, summary, { activities: transcript.map(toTranscriptActivity) });
    try {
      await context.sendActivity(event);
    } catch (error) {
      // The SDR queue does not depend on the channel accepting the event.
      this.deps.logger.warn({ err: error, handoffId: handoff.id, channelId: context.activity.channelId }, 'handoff initiation event refused by the channel');
    }
  }
}

function toTranscriptActivity(entry: TranscriptEntry): Partial<Activity> {
  const role = entry.from === 'visitor' ? 'user' : 'bot';
  return {
    type: ActivityTypes.Message,
    text: entry.text,
    timestamp: new Date(entry.at),
    from: { id: entry.from, name: entry.author ?? entry.from, role },
  };
}

function visitorIsGone(context: TurnContext): boolean {
  const { type, name } = context.activity;
  return type === ActivityTypes.EndOfConversation || (type === ActivityTypes.Event && name === VISITOR_LEFT_EVENT);
}
