import { isTimeZone } from './business-hours.js';
import type { BookedMeeting, BookingState, OfferedSlot } from '../booking/booked-meeting.js';
import type { BookingService } from '../booking/booking-service.js';
import { CalendarError, type NewCalendarEvent } from '../booking/calendar-port.js';
import type { MeetingInvitationSender } from '../booking/meeting-invitation.js';
import { formatSlot, zoneLabel, type Slot } from '../booking/slots.js';
import type { Logger } from '../logger.js';
import type { Contact, Locale } from '../qualification/types.js';
import type { Database } from '../storage/ports/database.js';
import type { HandoffRecord } from '../storage/ports/handoffs.js';
import { contactLabel } from './contact-capture.js';
import { outcomePayload, localeOf, type HandoffService, type SendToVisitor } from './handoff-service.js';
import { planTransition } from './handoff-state-machine.js';
import { translate } from '../i18n/translate.js';
import { asLeadPacket, type LeadPacket } from './lead-packet.js';

/** How many slots one offer shows. */
const SLOTS_PER_OFFER = 3;

export interface BookingFlowDeps {
  booking: BookingService;
  service: HandoffService;
  db: Pick<Database, 'handoffs' | 'outbox'>;
  /** The team's zone, the default for a visitor whose zone is unknown. */
  teamTimeZone: string;
  /** Language of the event written in the SDR's calendar. */
  sdrLocale: Locale;
  horizonDays: number;
  /** Sends the visitor the invitation where the calendar sends none (CalDAV, with SMTP configured). */
  invitations?: MeetingInvitationSender;
  logger: Logger;
  now: () => Date;
}

/** What the visitor is told when nobody can join: the lines, and the quick replies of the last one. */
export interface NoSdrNotice {
  texts: string[];
  quickReplies?: string[];
}

/**
 * In-chat booking when nobody can join a hot lead: the next free slots as quick replies in the visitor's time
 * zone, "other times", a click books (re-checked against the calendar, the next ones offered on a conflict),
 * the handoff closes as `meeting_booked` and the CRM is told. Any calendar failure falls back honestly to the
 * booking link and the callback.
 */
export class BookingFlow {
  constructor(private readonly deps: BookingFlowDeps) {}

  /** The slots offered after the "nobody can join" line; or the honest fallback when the calendar cannot be read. */
  async noSdrNotice(handoff: HandoffRecord, causeLine: string): Promise<NoSdrNotice> {
    const locale = localeOf(handoff);
    const zone = this.visitorZone(handoff);
    let slots: Slot[];
    try {
      slots = await this.deps.booking.offer(SLOTS_PER_OFFER);
    } catch (error) {
      return this.fallback(handoff, [causeLine], error);
    }
    if (slots.length === 0) {
      await this.save(handoff, { status: 'unavailable', timeZone: zone, slots: [], error: 'no_free_slot' });
      return { texts: [causeLine, translate('booking.noSlots', locale, { days: String(this.deps.horizonDays) }), ...this.deps.service.fallbackTexts(handoff)] };
    }
    const offered = this.label(slots, zone, locale);
    await this.save(handoff, { status: 'offered', timeZone: zone, slots: offered });
    return { texts: [causeLine, translate('booking.slots', locale, { minutes: String(this.deps.booking.meetingMinutes), zone: zoneLabel(zone) })], quickReplies: this.replies(offered, locale) };
  }

  /**
   * A visitor message while slots are offered: a slot's label books it (after asking for the invitation address
   * when none is known), "other times" offers the next ones. Anything else is left to the callback capture.
   */
  async onVisitorMessage(handoff: HandoffRecord, text: string, found: Contact, send: SendToVisitor): Promise<boolean> {
    const packet = asLeadPacket(handoff.packet);
    const state = packet.booking;
    if (!state || (state.status !== 'offered' && state.status !== 'awaiting-email')) return false;
    const locale = localeOf(handoff);
    const typed = normalize(text);
    if (typed === normalize(translate('booking.otherTimes', locale))) {
      await this.offerMore(handoff, state, send);
      return true;
    }
    const chosen = state.slots.find((slot) => normalize(slot.label) === typed);
    const email = found.email ?? packet.contact?.email;
    if (chosen && !email) {
      await this.save(handoff, { ...state, status: 'awaiting-email', chosen });
      await this.deps.service.botSays(handoff, [translate('booking.askEmail', locale, { slot: chosen.label })], send);
      return true;
    }
    const slot = chosen ?? (state.status === 'awaiting-email' && found.email ? state.chosen : undefined);
    if (!slot || !email) return false;
    // Kept on the handoff at once: if this slot is taken, the next click books without asking again.
    if (found.email) await this.deps.service.updatePacket(handoff.id, (current) => ({ ...current, contact: { ...current.contact, ...found } }));
    await this.book(handoff, state, slot, email, send);
    return true;
  }

  private async book(handoff: HandoffRecord, state: BookingState, slot: OfferedSlot, email: string, send: SendToVisitor): Promise<void> {
    const { booking, service } = this.deps;
    const locale = localeOf(handoff);
    const packet = asLeadPacket(handoff.packet) as LeadPacket;
    let result;
    try {
      result = await booking.book({ start: new Date(slot.start), end: new Date(slot.end), calendars: slot.calendars }, rotationOf(handoff.conversationId), {
        title: translate('sdr.meetingEventTitle', this.deps.sdrLocale, { visitor: visitorName(packet, email) }),
        description: eventDescription(packet, this.deps.sdrLocale),
        attendee: { email, ...(packet.contact?.name ? { name: packet.contact.name } : {}) },
      });
    } catch (error) {
      const notice = await this.fallback(handoff, [], error);
      await service.botSays(handoff, notice.texts, send);
      return;
    }
    if (result.status === 'taken') {
      await this.offerAgain(handoff, state, translate('booking.taken', locale, { zone: zoneLabel(state.timeZone) }), send);
      return;
    }
    const meeting: BookedMeeting = {
      start: slot.start,
      end: slot.end,
      calendar: result.calendar.name,
      provider: booking.provider,
      eventId: result.eventId,
      ...(result.joinUrl ? { joinUrl: result.joinUrl } : {}),
      attendee: email,
      visitorTimeZone: state.timeZone,
      teamTimeZone: this.deps.teamTimeZone,
      bookedAt: this.deps.now().toISOString(),
    };
    this.deps.logger.info({ handoffId: handoff.id, calendar: meeting.calendar, start: meeting.start }, 'booking: meeting booked in the chat');
    const recorded =
      (await service.updatePacket(handoff.id, (current) => ({ ...current, contact: { ...current.contact, email: current.contact?.email ?? email }, meeting, booking: { ...state, status: 'booked', chosen: slot } }))) ?? handoff;
    // An SDR may have claimed the task meanwhile: the meeting stands, the handoff stays theirs.
    const closed = await this.deps.db.handoffs.transition(handoff.id, planTransition({ type: 'book', at: this.deps.now() }));
    if (closed) {
      await this.deps.db.outbox.enqueue({ type: 'lead.updated', idempotencyKey: `${closed.leadId}:outcome:${closed.id}`, payload: outcomePayload(closed) });
      await service.publishQueue('closed', closed);
    } else {
      await service.publishQueue('updated', recorded);
    }
    const confirmed = { slot: slot.label, zone: zoneLabel(state.timeZone), sdr: meeting.calendar, email };
    const invited = booking.provider === 'graph' || (await this.invite(handoff, { ...result.event, ...(meeting.joinUrl ? { joinUrl: meeting.joinUrl } : {}) }, confirmed));
    const texts = [translate(invited ? 'booking.confirmed' : 'booking.confirmedNotInvited', locale, confirmed)];
    if (meeting.joinUrl) texts.push(translate('booking.joinLink', locale, { joinUrl: meeting.joinUrl }));
    await service.botSays(closed ?? recorded, texts, send);
  }

  /**
   * The visitor's invitation where the calendar sends none (Graph e-mails its own): the event as the visitor sees
   * it, without the lead summary written for the SDR. False when there is no way to send it or it failed.
   */
  private async invite(handoff: HandoffRecord, event: NewCalendarEvent, values: Record<string, string>): Promise<boolean> {
    if (!this.deps.invitations) return false;
    const locale = localeOf(handoff);
    const subject = translate('booking.invitationSubject', locale, values);
    const text = translate('booking.invitationText', locale, values) + (event.joinUrl ? `\n\n${translate('booking.joinLink', locale, { joinUrl: event.joinUrl })}` : '');
    try {
      await this.deps.invitations.invite({ to: values.email!, subject, text, event: { ...event, title: subject, description: text } });
      return true;
    } catch (error) {
      this.deps.logger.warn({ err: error, handoffId: handoff.id }, 'booking: the invitation e-mail could not be sent (the meeting stands)');
      return false;
    }
  }

  private async offerMore(handoff: HandoffRecord, state: BookingState, send: SendToVisitor): Promise<void> {
    const last = state.slots.at(-1);
    await this.offerAgain(handoff, state, translate('booking.moreSlots', localeOf(handoff), { zone: zoneLabel(state.timeZone) }), send, last ? new Date(last.start) : undefined);
  }

  /** Offers the next slots (after `after`, else from now) with `intro`; says so honestly when there are none or the calendar fails. */
  private async offerAgain(handoff: HandoffRecord, state: BookingState, intro: string, send: SendToVisitor, after?: Date): Promise<void> {
    const locale = localeOf(handoff);
    let slots: Slot[];
    try {
      slots = await this.deps.booking.offer(SLOTS_PER_OFFER, after);
    } catch (error) {
      const notice = await this.fallback(handoff, [], error);
      await this.deps.service.botSays(handoff, notice.texts, send);
      return;
    }
    if (slots.length === 0) {
      await this.save(handoff, { ...state, status: 'unavailable', slots: [], error: 'no_free_slot' });
      await this.deps.service.botSays(handoff, [translate('booking.noMoreSlots', locale, { days: String(this.deps.horizonDays) })], send);
      return;
    }
    const offered = this.label(slots, state.timeZone, locale);
    const { chosen: _chosen, ...rest } = state;
    await this.save(handoff, { ...rest, status: 'offered', slots: offered });
    await this.deps.service.botSays(handoff, [intro], send, undefined, this.replies(offered, locale));
  }

  /** The calendar failed: logged for the operators, said honestly to the visitor, who gets the booking link and the callback. */
  private async fallback(handoff: HandoffRecord, before: string[], error: unknown): Promise<NoSdrNotice> {
    const code = error instanceof CalendarError ? error.code : 'calendar_failed';
    this.deps.logger.warn({ err: error, handoffId: handoff.id, code }, 'booking: calendar unavailable, falling back to the booking link and callback');
    const state = asLeadPacket(handoff.packet).booking;
    await this.save(handoff, { timeZone: this.visitorZone(handoff), slots: [], ...state, status: 'unavailable', error: code });
    return { texts: [...before, translate('booking.unavailable', localeOf(handoff)), ...this.deps.service.fallbackTexts(handoff)] };
  }

  private async save(handoff: HandoffRecord, booking: BookingState): Promise<void> {
    await this.deps.service.updatePacket(handoff.id, (packet) => ({ ...packet, booking }));
  }

  private label(slots: Slot[], zone: string, locale: Locale): OfferedSlot[] {
    return slots.map((slot) => ({ start: slot.start.toISOString(), end: slot.end.toISOString(), calendars: slot.calendars, label: formatSlot(slot.start, zone, locale) }));
  }

  private replies(slots: OfferedSlot[], locale: Locale): string[] {
    return [...slots.map((slot) => slot.label), translate('booking.otherTimes', locale)];
  }

  /** The zone the widget reported for the visitor, else the team's. */
  private visitorZone(handoff: HandoffRecord): string {
    const zone = asLeadPacket(handoff.packet).pageContext?.timeZone;
    return typeof zone === 'string' && isTimeZone(zone) ? zone : this.deps.teamTimeZone;
  }
}

function normalize(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Spreads visitors over the pool: the same conversation always starts with the same calendar. */
function rotationOf(conversationId: string): number {
  let hash = 0;
  for (const char of conversationId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

function visitorName(packet: LeadPacket, email: string): string {
  const company = packet.facts?.find((fact) => fact.dimension === 'company')?.evidence;
  return [packet.contact?.name ?? contactLabel(packet.contact) ?? email, company ? `(${company})` : undefined].filter(Boolean).join(' ');
}

/** What the SDR reads in the event: why it was booked, the lead summary, the visitor's words, the contact. */
function eventDescription(packet: LeadPacket, locale: Locale): string {
  const lines = [translate('sdr.meetingEventIntro', locale, { score: packet.score ?? '?' }), '', packet.summary ?? ''];
  const quote = (text: string) => (locale === 'fr' ? `« ${text} »` : `“${text}”`);
  for (const fact of packet.facts ?? []) lines.push(`- ${fact.dimension}: ${fact.value.replace(/_/g, ' ')}${fact.evidence ? ` — ${quote(fact.evidence)}` : ''}`);
  const contact = [packet.contact?.email, packet.contact?.phone].filter(Boolean).join(' · ');
  if (contact) lines.push('', contact);
  if (typeof packet.pageContext?.pageUrl === 'string') lines.push(packet.pageContext.pageUrl);
  return lines.join('\n');
}
