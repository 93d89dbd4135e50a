import { randomUUID } from 'node:crypto';
import type { Activity } from '../channels/activity.js';
import { meetingOf } from '../crm/crm-event.js';
import { BadRequestError } from '../errors.js';
import { buildVerdict, checkVerdictDetails, type VerdictDetails } from '../feedback/verdict-input.js';
import type { Logger } from '../logger.js';
import type { Playbook } from '../playbook/schema.js';
import type { Database } from '../storage/ports/database.js';
import type { VerdictVia } from '../storage/ports/feedback.js';
import type { HandoffRecord } from '../storage/ports/handoffs.js';
import type { LeadNote } from '../storage/ports/lead-notes.js';
import type { TranscriptSender } from '../storage/ports/transcripts.js';
import { contactLabel } from './contact-capture.js';
import type { HandoffConfig } from './handoff-config.js';
import { HANDOFF_EVENTS_TOPIC, type HandoffBusEvent, type QueueChange } from './handoff-events.js';
import {
  END_REASONS,
  isAssignmentOverdue,
  planTransition,
  type CloseOutcome,
  type ExpiryCause,
  type SdrIdentity,
} from './handoff-state-machine.js';
import { translate } from '../i18n/translate.js';
import { asLeadPacket, type CallbackRequest, type LeadPacket, type LeadPacketView } from './lead-packet.js';
import { accountOwnerFor, packetEnrichment } from './packet-enrichment.js';
import type { EnrichmentRecord } from '../storage/ports/enrichments.js';
import { compareQueued, compareRecent, QUEUE_VIEWS, suggestAssignments, toSummary, type HandoffSummary, type QueueView } from './queue-view.js';
import type { DeliveryOutcome, VisitorCourier } from './visitor-courier.js';
import { withoutRemoteImages } from './remote-images.js';
import type { BookingService } from '../booking/booking-service.js';
import type { MeetingInvitationSender } from '../booking/meeting-invitation.js';
import { BookingFlow, type NoSdrNotice } from './booking-flow.js';

/** Sends activities to the visitor: in the current turn when there is one, else through the courier. */
export type SendToVisitor = (activities: Partial<Activity>[]) => Promise<unknown>;

/** The repositories the handoff service works with (not the whole database). */
export type HandoffServiceRepositories = Pick<Database, 'handoffs' | 'transcripts' | 'sdrs' | 'leads' | 'feedback' | 'notes' | 'outbox' | 'lock' | 'bus' | 'enrichments'>;

export interface HandoffServiceDeps {
  db: HandoffServiceRepositories;
  /** Rejection reasons and dimensions a verdict is checked against. */
  playbook: Playbook;
  courier: VisitorCourier;
  config: HandoffConfig;
  logger: Logger;
  now: () => Date;
  /** In-chat booking (BOOKING_CALENDAR): offers calendar slots when nobody can join. */
  booking?: BookingService;
  bookingInvitations?: MeetingInvitationSender;
  /** Language of the events written in SDR calendars (SDR_LOCALE). */
  sdrLocale?: 'fr' | 'en';
}

/** The full handoff as the SDR console opens it. */
export interface HandoffDetail extends HandoffSummary {
  leadId: string;
  endReason?: string;
  outcomeReason?: string;
  packet: LeadPacketView;
  /** The team's internal notes on the lead (never shown to the visitor), oldest first. */
  notes: LeadNote[];
  /** The visitor's rating after the close (1–5), when they gave one. */
  rating?: number;
}

/** What a handoff line tells the widget: an SDR joined, handed back or closed. */
export interface HandoffMarks {
  event: 'joined' | 'released' | 'closed';
  sdrName?: string;
}

/** Closed lists show the most recent ones only. */
const CLOSED_LIST_LIMIT = 200;
/** A no-SDR notice the visitor's channel refused is tried again after these pauses, then given up. */
const NOTICE_RETRY_DELAYS_MS = [2_000, 10_000];
/** A packet update that keeps losing the compare-and-set to status changes gives up after this. */
const PACKET_UPDATE_ATTEMPTS = 3;

/**
 * Every handoff operation after creation: SDR actions, timeouts, notices to the visitor, events for
 * consoles. Status changes go through the state machine and the repository's compare-and-set.
 */
export class HandoffService {
  /** No-SDR notices on their way (never awaited by the sweep: one dead channel must not hold up the others). */
  private readonly notices = new Set<Promise<void>>();

  /** Present when a calendar is configured for in-chat booking. */
  readonly booking?: BookingFlow;

  constructor(private readonly deps: HandoffServiceDeps) {
    if (deps.booking) {
      this.booking = new BookingFlow({
        booking: deps.booking,
        ...(deps.bookingInvitations ? { invitations: deps.bookingInvitations } : {}),
        service: this,
        db: deps.db,
        teamTimeZone: deps.config.timeZone,
        sdrLocale: deps.sdrLocale ?? 'en',
        horizonDays: deps.booking.horizonDays,
        logger: deps.logger,
        now: deps.now,
      });
    }
  }

  /** Resolves once every notice scheduled so far is delivered or given up (shutdown, tests). */
  async noticesSettled(): Promise<void> {
    while (this.notices.size > 0) await Promise.all([...this.notices]);
  }

  /** The playbook's rejection reasons (the console's and the cards' list). */
  get rejectionReasons(): Playbook['rejectionReasons'] {
    return this.deps.playbook.rejectionReasons;
  }

  /** The playbook's dimensions (what a verdict may correct or name as missing). */
  get dimensions(): Playbook['dimensions'] {
    return this.deps.playbook.dimensions;
  }

  private get db(): HandoffServiceRepositories {
    return this.deps.db;
  }

  async require(id: string): Promise<HandoffRecord> {
    const handoff = await this.db.handoffs.get(id);
    if (!handoff) throw new BadRequestError(`Handoff ${id} not found`, 404, 'not_found');
    return handoff;
  }

  async list(view: QueueView): Promise<HandoffSummary[]> {
    const now = this.deps.now();
    const records = await this.db.handoffs.list({ status: QUEUE_VIEWS[view] });
    const items = records.map((record) => toSummary(record, now));
    if (view !== 'queued') return items.sort(compareRecent).slice(0, view === 'closed' ? CLOSED_LIST_LIMIT : undefined);
    const [sdrs, live] = await Promise.all([this.db.sdrs.list(), this.db.handoffs.list({ status: 'live' })]);
    return suggestAssignments(items.sort(compareQueued), sdrs, live);
  }

  async detail(id: string): Promise<HandoffDetail> {
    const handoff = await this.require(id);
    const [transcript, notes, rating] = await Promise.all([
      this.db.transcripts.list(handoff.conversationId),
      this.db.notes.notesOf(handoff.leadId),
      this.db.notes.ratingOf(handoff.leadId),
    ]);
    const packet = await this.withStoredEnrichment(handoff.leadId, asLeadPacket(handoff.packet) as LeadPacket);
    return {
      ...toSummary(handoff, this.deps.now()),
      leadId: handoff.leadId,
      ...(handoff.endReason ? { endReason: handoff.endReason } : {}),
      ...(handoff.outcomeReason ? { outcomeReason: handoff.outcomeReason } : {}),
      packet: { ...packet, transcript: transcript.map(({ from, text, at, author }) => (author ? { from, text, at, author } : { from, text, at })) },
      notes,
      ...(rating ? { rating: rating.rating } : {}),
    };
  }

  /** An internal note on the handoff's lead, by any SDR: stored apart from the transcript, never sent to the visitor. */
  async addNote(id: string, sdr: SdrIdentity, text: string): Promise<LeadNote> {
    const handoff = await this.require(id);
    const note = await this.db.notes.addNote({
      id: randomUUID(),
      leadId: handoff.leadId,
      conversationId: handoff.conversationId,
      handoffId: handoff.id,
      sdrId: sdr.id,
      author: sdr.name,
      text,
      createdAt: this.deps.now().toISOString(),
    });
    // Other consoles with this lead open refresh it.
    await this.publishQueue('updated', handoff);
    return note;
  }

  /** A lookup that was still running when the lead was queued: the card shows it from storage. */
  private async withStoredEnrichment(leadId: string, packet: LeadPacket): Promise<LeadPacket> {
    if (packet.enrichment?.status !== 'pending') return packet;
    const domain = packet.enrichment.domain;
    const stored = (await this.db.enrichments.forLead(leadId)).find((record) => record.domain === domain);
    const enrichment = stored ? packetEnrichment(this.deps.playbook, packet.facts ?? [], { domain, status: 'done', result: stored.result }) : undefined;
    return enrichment ? { ...packet, enrichment } : packet;
  }

  /**
   * A lookup stored after the lead was queued (a contact typed while waiting, or a result later than its turn): the
   * open handoff of that conversation shows it, and an existing customer still in the queue goes to its account owner.
   */
  async enrichmentArrived(record: EnrichmentRecord): Promise<void> {
    const handoff = await this.db.handoffs.getOpenByConversation(record.conversationId);
    if (!handoff || handoff.leadId !== record.leadId) return;
    const owner = await accountOwnerFor(this.deps.playbook, record.result, this.db.sdrs);
    const updated = await this.updatePacket(handoff.id, (packet) => {
      const enrichment = packetEnrichment(this.deps.playbook, packet.facts ?? [], { domain: record.domain, status: 'done', result: record.result });
      const toOwner = owner?.sdr && handoff.status === 'queued' ? { suggestedSdr: owner.sdr } : {};
      return { ...packet, ...(enrichment ? { enrichment } : {}), ...(owner ? { accountOwner: owner } : {}), ...toOwner };
    });
    if (updated) await this.publishQueue('updated', updated);
  }

  /** Any SDR may claim a queued handoff or a callback task; the same SDR claiming twice is a no-op. */
  async claim(id: string, sdr: SdrIdentity): Promise<HandoffRecord> {
    await this.require(id);
    const claimed = await this.db.handoffs.transition(id, planTransition({ type: 'claim', sdr, at: this.deps.now() }));
    if (!claimed) {
      const current = await this.require(id);
      if (current.status === 'live' && current.sdrId === sdr.id) return current;
      throw conflict(current);
    }
    await this.publishQueue('claimed', claimed);
    await this.botSays(claimed, [translate('handoff.sdrJoined', localeOf(claimed), { sdr: sdr.name })], undefined, { event: 'joined', sdrName: sdr.name });
    return claimed;
  }

  /** The holder's message goes to the visitor signed with their display name. */
  async postSdrMessage(id: string, sdr: SdrIdentity, text: string): Promise<{ at: string; delivery: DeliveryOutcome }> {
    const handoff = await this.require(id);
    assertHolder(handoff, sdr);
    const at = this.deps.now().toISOString();
    await this.db.transcripts.append({ conversationId: handoff.conversationId, from: 'sdr', text, at, author: sdr.name });
    await this.publishMessage(handoff, 'sdr', text, at, sdr.name);
    const activity: Partial<Activity> = {
      type: 'message',
      text: translate('handoff.sdrMessage', localeOf(handoff), { sdr: sdr.name, text: withoutRemoteImages(text) }),
      textFormat: 'markdown',
      // `fromSdr` keeps the transcript middleware from storing it a second time as a bot line.
      channelData: { qualibot: { fromSdr: true, sdrName: sdr.name, handoffId: handoff.id } },
    };
    return { at, delivery: await this.deps.courier.deliver(handoff.conversationId, [activity]) };
  }

  /** The holder is writing: the visitor's channel shows its typing indicator (not stored, not retried). */
  async sdrTyping(id: string, sdr: SdrIdentity): Promise<void> {
    const handoff = await this.require(id);
    assertHolder(handoff, sdr);
    await this.deps.courier.deliver(handoff.conversationId, [{ type: 'typing', channelData: { qualibot: { fromSdr: true, sdrName: sdr.name, handoffId: handoff.id } } }]);
  }

  /** The visitor is writing in a live conversation: its SDR sees it. */
  async visitorTyping(conversationId: string): Promise<void> {
    const handoff = await this.db.handoffs.getOpenByConversation(conversationId);
    if (handoff?.status === 'live') await this.publish({ type: 'typing', handoffId: handoff.id, conversationId, at: this.deps.now().toISOString() });
  }

  /**
   * The visitor wrote after the SDR closed: the message is kept and shown, and every console gets an alert
   * (it never goes nowhere). The bot tells the visitor so.
   */
  async visitorReturned(handoff: HandoffRecord, text: string, send: SendToVisitor): Promise<void> {
    const at = this.deps.now().toISOString();
    const updated = (await this.updatePacket(handoff.id, (packet) => ({ ...packet, returnedAt: at }))) ?? handoff;
    await this.publish({ type: 'visitor-returned', handoffId: handoff.id, conversationId: handoff.conversationId, text, at, handoff: toSummary(updated, this.deps.now()) });
    await this.botSays(updated, [translate('handoff.afterClose', localeOf(handoff), { sdr: handoff.sdrName ?? '' })], send, { event: 'closed' });
  }

  /** Back to the bot: it says it is back; the lead's next message is answered by the bot again. */
  async release(id: string, sdr: SdrIdentity): Promise<HandoffRecord> {
    const handoff = await this.require(id);
    assertHolder(handoff, sdr);
    const released = await this.db.handoffs.transition(id, planTransition({ type: 'release', at: this.deps.now() }));
    if (!released) throw conflict(await this.require(id));
    await this.publishQueue('released', released);
    const lead = await this.db.leads.getByConversation(released.conversationId);
    const key = lead?.status === 'qualifying' ? 'handoff.backToBotQualifying' : 'handoff.backToBotDecided';
    await this.botSays(released, [translate(key, localeOf(released), { sdr: sdr.name })], undefined, { event: 'released' });
    return released;
  }

  /**
   * Records the outcome and the SDR's verdict (accepted/rejected, reason, missing signals, fact corrections:
   * labelled data the insights and replays read) and tells the CRM through the outbox.
   * Repeating the same close is accepted, so a failed outbox write can be retried; the first verdict stands.
   */
  async close(id: string, sdr: SdrIdentity, outcome: CloseOutcome, reason?: string, verdict: { details?: VerdictDetails; via?: VerdictVia } = {}): Promise<HandoffRecord> {
    const details = verdict.details ?? {};
    checkVerdictDetails(this.deps.playbook, outcome, details);
    const handoff = await this.require(id);
    if (handoff.status === 'live' && handoff.sdrId !== sdr.id) throw forbidden(handoff);
    let closed = await this.db.handoffs.transition(id, planTransition({ type: 'close', outcome, reason, sdr, at: this.deps.now() }));
    const repeated = !closed;
    if (!closed) {
      const current = await this.require(id);
      if (current.status !== 'closed' || current.outcome !== outcome || current.sdrId !== sdr.id) throw conflict(current);
      closed = current;
    }
    const lead = await this.db.leads.get(closed.leadId);
    await this.db.feedback.recordVerdict(buildVerdict({ handoff: closed, lead, details, ...(reason ? { note: reason } : {}), via: verdict.via ?? 'api' }));
    await this.db.outbox.enqueue({ type: 'lead.updated', idempotencyKey: `${closed.leadId}:outcome:${closed.id}`, payload: outcomePayload(closed) });
    if (repeated) return closed;
    await this.publishQueue('closed', closed);
    if (handoff.status !== 'expired') await this.botSays(closed, [translate('handoff.closedBySdr', localeOf(closed), { sdr: sdr.name })], undefined, { event: 'closed', sdrName: sdr.name });
    return closed;
  }

  /**
   * Nobody can join: the handoff becomes a callback task, and the visitor is told honestly and
   * offered the booking link and a callback (unless they already left).
   */
  async expire(handoff: HandoffRecord, cause: ExpiryCause, send?: SendToVisitor): Promise<HandoffRecord | undefined> {
    const at = this.deps.now();
    const expired = await this.db.handoffs.transition(handoff.id, planTransition({ type: 'expire', cause, at }));
    if (!expired) return undefined; // claimed or closed meanwhile
    const callback: CallbackRequest = { status: 'awaiting', cause, at: at.toISOString(), ...(this.deps.config.bookingUrl ? { bookingUrl: this.deps.config.bookingUrl } : {}) };
    const updated = (await this.updatePacket(expired.id, (packet) => ({ ...packet, callback }))) ?? expired;
    await this.publishQueue('expired', updated);
    if (cause === END_REASONS.visitorLeft) return updated;
    // In the visitor's own turn, the reply carries it; otherwise it goes out on its own, retried, never awaited here.
    if (send) {
      const notice = await this.noSdrNotice(updated, cause);
      await this.botSays(updated, notice.texts, send, undefined, notice.quickReplies);
    } else this.track(this.noSdrNotice(updated, cause).then((notice) => this.tellOrGiveUp(updated, notice)));
    return updated;
  }

  /**
   * Expires every queued handoff older than the assignment timeout; run periodically (survives restarts).
   * Only database work is awaited: the notices go out in the background, each destination in its own lane.
   */
  async sweep(): Promise<number> {
    const now = this.deps.now();
    const timeoutMs = this.deps.config.assignmentTimeoutS * 1000;
    let expired = 0;
    for (const handoff of await this.db.handoffs.list({ status: 'queued' })) {
      if (isAssignmentOverdue(handoff, now, timeoutMs) && (await this.expire(handoff, END_REASONS.assignmentTimeout))) expired += 1;
    }
    return expired;
  }

  /**
   * Sends the no-SDR notice, tried again after a pause while the channel refuses it. A visitor it never
   * reaches is gone: the callback task says so, and without any contact to call back it is closed.
   */
  private async tellOrGiveUp(handoff: HandoffRecord, notice: NoSdrNotice): Promise<void> {
    let outcome = await this.botSays(handoff, notice.texts, undefined, undefined, notice.quickReplies);
    for (const delay of this.deps.config.noticeRetryDelaysMs ?? NOTICE_RETRY_DELAYS_MS) {
      if (outcome !== 'failed') break;
      await sleep(delay);
      outcome = await this.botSays(handoff, notice.texts, undefined, undefined, notice.quickReplies);
    }
    if (outcome === 'sent' || outcome === 'relayed') return;
    this.deps.logger.warn({ handoffId: handoff.id, conversationId: handoff.conversationId, outcome }, 'handoff: the visitor could not be told nobody is available; marked unreachable');
    const marked = await this.updatePacket(handoff.id, (packet) => (packet.callback ? { ...packet, callback: { ...packet.callback, status: 'unreachable' } } : packet));
    if (!marked) return;
    const closed = contactLabel(asLeadPacket(marked.packet).contact) ? undefined : await this.db.handoffs.transition(marked.id, planTransition({ type: 'give-up', at: this.deps.now() }));
    await this.publishQueue(closed ? 'closed' : 'expired', closed ?? marked);
  }

  private track(task: Promise<void>): void {
    const tracked = task.catch((error: unknown) => this.deps.logger.error({ err: error }, 'handoff: no-SDR notice failed'));
    this.notices.add(tracked);
    void tracked.finally(() => this.notices.delete(tracked));
  }

  /** The visitor closed the page: a waiting handoff becomes a callback task; a live one is flagged to its SDR. */
  async visitorLeft(conversationId: string): Promise<void> {
    const handoff = await this.db.handoffs.getOpenByConversation(conversationId);
    if (!handoff) return;
    if (handoff.status === 'queued') {
      await this.expire(handoff, END_REASONS.visitorLeft);
      return;
    }
    const at = this.deps.now().toISOString();
    const updated = await this.updatePacket(handoff.id, (packet) => ({ ...packet, visitorLeftAt: at }));
    if (updated) await this.publishQueue('updated', updated);
    await this.publish({ type: 'visitor-left', handoffId: handoff.id, conversationId, at: this.deps.now().toISOString() });
  }

  /**
   * Read-modify-write of the packet, serialised per conversation and applied only if the status did
   * not change in between (else re-read and retried). Returns undefined when the handoff is gone.
   */
  async updatePacket(id: string, mutate: (packet: LeadPacket) => LeadPacket): Promise<HandoffRecord | undefined> {
    const first = await this.db.handoffs.get(id);
    if (!first) return undefined;
    // A key of our own: the app may already hold the conversation's key for the current turn.
    return this.db.lock.run(`handoff-packet:${first.conversationId}`, async () => {
      for (let attempt = 0; attempt < PACKET_UPDATE_ATTEMPTS; attempt += 1) {
        const current = await this.db.handoffs.get(id);
        if (!current) return undefined;
        const packet = mutate(asLeadPacket(current.packet) as LeadPacket);
        const updated = await this.db.handoffs.transition(id, { from: [current.status], to: current.status, patch: { packet } });
        if (updated) return updated;
      }
      this.deps.logger.warn({ handoffId: id }, 'handoff: packet update kept racing with status changes, dropped');
      return undefined;
    });
  }

  /**
   * Sends bot lines to the visitor and shows them on the consoles (only what reached the visitor, or may have).
   * `quickReplies` go on the last line (booking slots).
   */
  async botSays(handoff: HandoffRecord, texts: string[], send?: SendToVisitor, marks?: HandoffMarks, quickReplies?: string[]): Promise<DeliveryOutcome> {
    // The marks let the widget show who is talking and the end of the conversation (other channels ignore them).
    const activities: Partial<Activity>[] = texts.map((text) => ({ type: 'message', text, channelData: { qualibot: { handoffId: handoff.id, ...marks } } }));
    const last = activities.at(-1);
    if (last && quickReplies?.length) Object.assign(last, withQuickReplies(quickReplies, asLeadPacket(handoff.packet).channel));
    let outcome: DeliveryOutcome = 'sent';
    if (send) await send(activities);
    else outcome = await this.deps.courier.deliver(handoff.conversationId, activities);
    if (outcome === 'failed' || outcome === 'no-reference') return outcome;
    const at = this.deps.now().toISOString();
    for (const text of texts) await this.publishMessage(handoff, 'bot', text, at);
    return outcome;
  }

  async publishMessage(handoff: HandoffRecord, from: TranscriptSender, text: string, at: string, author?: string): Promise<void> {
    await this.publish({ type: 'message', handoffId: handoff.id, conversationId: handoff.conversationId, from, text, at, ...(author ? { author } : {}) });
  }

  async publishQueue(change: QueueChange, handoff: HandoffRecord): Promise<void> {
    await this.publish({ type: 'queue', change, handoff: toSummary(handoff, this.deps.now()) });
  }

  private async publish(event: HandoffBusEvent): Promise<void> {
    // Consoles are a live view: a bus hiccup must not fail the SDR action or the visitor turn.
    await this.db.bus.publish(HANDOFF_EVENTS_TOPIC, event).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'handoff: event not published'));
  }

  /** Nobody can join: said first; then the calendar's slots (in-chat booking) or the booking link and the callback. */
  private async noSdrNotice(handoff: HandoffRecord, cause: ExpiryCause): Promise<NoSdrNotice> {
    const causeLine = translate(cause === END_REASONS.outsideBusinessHours ? 'handoff.outsideHours' : 'handoff.timedOut', localeOf(handoff));
    if (this.booking) return this.booking.noSdrNotice(handoff, causeLine);
    return { texts: [causeLine, ...this.fallbackTexts(handoff)] };
  }

  /** The booking link (when set) and the callback request: what a visitor gets when nobody, and no calendar, can take them. */
  fallbackTexts(handoff: HandoffRecord): string[] {
    const locale = localeOf(handoff);
    const contact = contactLabel(asLeadPacket(handoff.packet).contact);
    const texts: string[] = [];
    if (this.deps.config.bookingUrl) texts.push(translate('booking.offer', locale, { bookingUrl: this.deps.config.bookingUrl }));
    texts.push(contact ? translate('handoff.callbackAskTime', locale, { contact }) : translate('handoff.callbackAskContactAndTime', locale));
    return texts;
  }
}

export function localeOf(handoff: HandoffRecord): 'fr' | 'en' {
  return asLeadPacket(handoff.packet).locale === 'en' ? 'en' : 'fr';
}

function assertHolder(handoff: HandoffRecord, sdr: SdrIdentity): void {
  if (handoff.status !== 'live') throw conflict(handoff);
  if (handoff.sdrId !== sdr.id) throw forbidden(handoff);
}

function conflict(handoff: HandoffRecord): BadRequestError {
  const by = handoff.sdrName ? ` by ${handoff.sdrName}` : '';
  return new BadRequestError(`Handoff ${handoff.id} is ${handoff.status}${handoff.status === 'live' ? by : ''}`, 409, 'conflict');
}

function forbidden(handoff: HandoffRecord): BadRequestError {
  return new BadRequestError(`Handoff ${handoff.id} is held by ${handoff.sdrName ?? 'another SDR'}`, 403, 'forbidden');
}

/** The `lead.updated` outbox payload: who, what the SDR decided, and the contact to update in the CRM. */
export function outcomePayload(handoff: HandoffRecord): Record<string, unknown> {
  const packet = asLeadPacket(handoff.packet);
  return {
    leadId: handoff.leadId,
    conversationId: handoff.conversationId,
    ...(packet.contact?.email ? { email: packet.contact.email } : {}),
    contact: packet.contact ?? {},
    handoff: {
      id: handoff.id,
      reason: handoff.reason,
      outcome: handoff.outcome,
      outcomeReason: handoff.outcomeReason,
      endReason: handoff.endReason,
      sdr: { id: handoff.sdrId, name: handoff.sdrName },
      createdAt: handoff.createdAt,
      claimedAt: handoff.claimedAt,
      closedAt: handoff.closedAt,
      ...meetingOf(handoff),
    },
    score: handoff.score,
    tier: handoff.tier,
    playbook: packet.playbook,
  };
}

/** Quick replies as the channel shows them: Slack drops suggested actions, so there they are card buttons. */
function withQuickReplies(labels: string[], channel: string | undefined): Partial<Activity> {
  const actions = labels.map((label) => ({ type: 'imBack', title: label, value: label }));
  if (channel === 'slack') return { attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: { buttons: actions } }] };
  return { suggestedActions: { to: [], actions } };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
