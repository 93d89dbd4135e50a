import type { Activity } from 'botbuilder';
import { BookingService } from '../../src/booking/booking-service.js';
import type { CalendarPort } from '../../src/booking/calendar-port.js';
import type { MeetingInvitationSender } from '../../src/booking/meeting-invitation.js';
import type { SlotRules } from '../../src/booking/slots.js';
import type { HandoffConfig } from '../../src/handoff/handoff-config.js';
import { BOOKING_URL, HandoffHarness, logger } from '../handoff/helpers/handoff-harness.js';

export { BOOKING_URL };

/** The handoff harness with a one-calendar booking pool, plus what booking tests read. */
export class BookingHarness extends HandoffHarness {
  /** Every queued handoff times out now; resolves once the visitors were told. */
  async timeout(): Promise<void> {
    this.clock.advance(this.config.assignmentTimeoutS * 1000 + 1000);
    await this.module.service.sweep();
    await this.module.service.noticesSettled();
  }

  /** The quick replies of the bot's last message in the conversation. */
  lastQuickReplies(conversationId: string): string[] {
    const last: Partial<Activity> | undefined = this.connector.messages(conversationId).at(-1);
    return (last?.suggestedActions?.actions ?? []).map((action) => String(action.value));
  }
}

export async function startHarnessWith(options: { calendar: () => CalendarPort; rules: SlotRules; config?: Partial<HandoffConfig>; invitations?: MeetingInvitationSender }): Promise<BookingHarness> {
  return new BookingHarness({
    ...(options.config ? { config: options.config } : {}),
    ...(options.invitations ? { bookingInvitations: options.invitations } : {}),
    booking: ({ db, clock }) =>
      new BookingService({ provider: 'caldav', calendars: [{ name: 'Paul — Sales', key: 'paul', port: options.calendar() }], rules: options.rules, lock: db.lock, logger, now: clock.now }),
  }).start();
}
