import type { TurnContext } from '../bot/turn.js';
import type { Activity } from '../channels/activity.js';
import type { MessageInterceptor, TurnLeads } from '../bot/bot-ports.js';
import type { LeadState } from '../qualification/lead-state.js';
import type { Contact } from '../qualification/types.js';
import type { Database } from '../storage/ports/database.js';
import type { HandoffRecord } from '../storage/ports/handoffs.js';
import { contactLabel, findContact, withoutContact } from './contact-capture.js';
import type { ConversationReferenceKeeper } from './reference-keeper.js';
import { localeOf, type HandoffService } from './handoff-service.js';
import { translate } from '../i18n/translate.js';
import { END_REASONS, type ExpiryCause } from './handoff-state-machine.js';
import { asLeadPacket, type CallbackRequest } from './lead-packet.js';

export interface HandoffInterceptorDeps {
  db: Pick<Database, 'handoffs' | 'transcripts'>;
  service: HandoffService;
  references: ConversationReferenceKeeper;
  /** The bot's lead state, to keep a contact given while waiting; `changed` tells the lead's listeners (storage, CRM). */
  leads: TurnLeads;
  now: () => Date;
}

/**
 * Sees every visitor message before the bot. While a human holds the conversation the bot says
 * nothing; while the visitor waits it collects a contact or reassures; after a timeout it captures
 * the callback details. Every message of a handed-off conversation is shown live to the SDRs.
 */
export class HandoffInterceptor implements MessageInterceptor {
  constructor(private readonly deps: HandoffInterceptorDeps) {}

  async intercept(lead: LeadState, context: TurnContext): Promise<boolean> {
    const conversationId = context.activity.conversation?.id;
    // Only HandoffListener.onDecision creates handoffs (saving the reference), for a lead decided with the
    // handoff route: before that, or for another route, there is no handoff to find nor reference to keep.
    if (!conversationId || lead.status !== 'decided' || lead.decision?.route !== 'handoff') return false;
    // So that SDR messages reach the visitor on whatever channel they use now.
    await this.deps.references.saveIfChanged(context);
    const text = context.activity.text ?? '';
    const send = (activities: Partial<Activity>[]) => context.sendActivities(activities);
    const newest = (await this.deps.db.handoffs.list({ conversationId })).at(-1);
    if (newest && isClosedBySdr(newest) && text) {
      await this.showToSdrs(newest, context, text);
      await this.deps.service.visitorReturned(newest, text, send);
      return true;
    }
    const handoff = newest && isActive(newest) ? newest : undefined;
    if (!handoff) return false;

    if (text) await this.showToSdrs(handoff, context, text);
    if (handoff.status === 'queued') await this.whileWaiting(handoff, lead, context, text, send);
    else if (handoff.status === 'expired') {
      if (!(await this.book(handoff, lead, context, text, send))) await this.captureCallback(handoff, lead, context, text, send);
    }
    // `live`: the SDR answers; the bot stays silent. A contact typed to the SDR still reaches the lead card.
    else await this.duringLiveChat(handoff, lead, context, text);
    return true;
  }

  private async duringLiveChat(handoff: HandoffRecord, lead: LeadState, context: TurnContext, text: string): Promise<void> {
    const found = findContact(text);
    const known = asLeadPacket(handoff.packet);
    if (!contactLabel(found) && !known.visitorLeftAt) return;
    if (contactLabel(found)) await this.keepContact(lead, context, found);
    const updated = await this.deps.service.updatePacket(handoff.id, ({ visitorLeftAt: _back, ...packet }) => ({ ...packet, contact: { ...packet.contact, ...found } }));
    if (updated) await this.deps.service.publishQueue('updated', updated);
  }

  private async showToSdrs(handoff: HandoffRecord, context: TurnContext, text: string): Promise<void> {
    const { db, service } = this.deps;
    const at = this.deps.now().toISOString();
    const activityId = context.activity.id;
    // Usually the transcript middleware stored it already; appends are idempotent per activity id.
    await db.transcripts.append({ conversationId: handoff.conversationId, from: 'visitor', text, at, ...(activityId ? { activityId } : {}) });
    await service.publishMessage(handoff, 'visitor', text, at);
  }

  private async whileWaiting(handoff: HandoffRecord, lead: LeadState, context: TurnContext, text: string, send: (activities: Partial<Activity>[]) => Promise<unknown>): Promise<void> {
    const found = findContact(text);
    const label = contactLabel(found);
    const locale = localeOf(handoff);
    if (!label) {
      await this.deps.service.botSays(handoff, [translate('handoff.stillWaiting', locale)], send);
      return;
    }
    const updated = await this.remember(handoff, lead, context, found);
    await this.deps.service.botSays(updated, [translate('handoff.contactNoted', locale, { contact: label })], send);
  }

  /** Slots offered in the chat: a click on one (or the address to invite) books it. */
  private async book(handoff: HandoffRecord, lead: LeadState, context: TurnContext, text: string, send: (activities: Partial<Activity>[]) => Promise<unknown>): Promise<boolean> {
    const booking = this.deps.service.booking;
    if (!booking || !text) return false;
    const found = findContact(text);
    if (!(await booking.onVisitorMessage(handoff, text, found, send))) return false;
    if (contactLabel(found)) await this.keepContact(lead, context, found);
    return true;
  }

  /** After a timeout: a contact (if none yet) and the visitor's words about when to call back. */
  private async captureCallback(handoff: HandoffRecord, lead: LeadState, context: TurnContext, text: string, send: (activities: Partial<Activity>[]) => Promise<unknown>): Promise<void> {
    const { service } = this.deps;
    const found = findContact(text);
    const contact = { ...asLeadPacket(handoff.packet).contact, ...found };
    const label = contactLabel(contact);
    const preferredTime = withoutContact(text, found);
    const updated =
      (await service.updatePacket(handoff.id, (packet) => {
        const callback: CallbackRequest = packet.callback ?? { status: 'awaiting', cause: expiryCauseOf(handoff), at: this.deps.now().toISOString() };
        return {
          ...packet,
          contact: { ...packet.contact, ...found },
          callback: { ...callback, ...(preferredTime ? { preferredTime } : {}), status: label ? 'captured' : 'awaiting' },
        };
      })) ?? handoff;
    if (contactLabel(found)) await this.keepContact(lead, context, found);
    await service.publishQueue('updated', updated);
    const locale = localeOf(handoff);
    await service.botSays(updated, [label ? translate('handoff.callbackCaptured', locale, { contact: label }) : translate('handoff.callbackAskContact', locale)], send);
  }

  /** Keeps a contact in the lead state (the bot's) and in the SDR packet. */
  private async keepContact(lead: LeadState, context: TurnContext, found: Contact): Promise<void> {
    const updated: LeadState = { ...lead, contact: { ...lead.contact, ...found } };
    await this.deps.leads.set(context, updated);
    await this.deps.leads.changed(updated, context);
  }

  private async remember(handoff: HandoffRecord, lead: LeadState, context: TurnContext, found: Contact): Promise<HandoffRecord> {
    await this.keepContact(lead, context, found);
    const updated = (await this.deps.service.updatePacket(handoff.id, (packet) => ({ ...packet, contact: { ...packet.contact, ...found } }))) ?? handoff;
    await this.deps.service.publishQueue('updated', updated);
    return updated;
  }
}

/** A handoff that still concerns the bot: waiting, live, a callback being captured, or slots on offer. */
function isActive(handoff: HandoffRecord): boolean {
  if (handoff.status === 'queued' || handoff.status === 'live') return true;
  if (handoff.status !== 'expired') return false;
  const packet = asLeadPacket(handoff.packet);
  // Slots on offer stay clickable after a callback contact was captured.
  return packet.callback?.status !== 'captured' || packet.booking?.status === 'offered' || packet.booking?.status === 'awaiting-email';
}

function isClosedBySdr(handoff: HandoffRecord): boolean {
  return handoff.status === 'closed' && handoff.endReason === END_REASONS.sdrClosed;
}


function expiryCauseOf(handoff: HandoffRecord): ExpiryCause {
  const causes: readonly string[] = [END_REASONS.assignmentTimeout, END_REASONS.outsideBusinessHours, END_REASONS.visitorLeft];
  return causes.includes(handoff.endReason ?? '') ? (handoff.endReason as ExpiryCause) : END_REASONS.assignmentTimeout;
}
