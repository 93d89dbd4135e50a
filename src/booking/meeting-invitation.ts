import type { Transporter } from 'nodemailer';
import type { MailConfig } from '../mail/mail-config.js';
import { createSmtpTransport } from '../mail/smtp-transport.js';
import type { NewCalendarEvent } from './calendar-port.js';
import { toICalendar } from './caldav-calendar.js';

/** The invitation a visitor receives for a meeting booked in the chat: what the mail says, and the event. */
export interface MeetingInvitation {
  to: string;
  subject: string;
  text: string;
  event: NewCalendarEvent;
}

/** Sends the visitor the invitation of a meeting booked on a calendar that sends none itself (CalDAV). */
export interface MeetingInvitationSender {
  invite(invitation: MeetingInvitation): Promise<void>;
}

/**
 * The invitation as an iCalendar REQUEST over SMTP (nodemailer's `icalEvent`): mail clients show it as an
 * invitation to accept into the visitor's own calendar. The organizer is the sender of Qualibot's mails, so
 * answers go to the team, not to a server that never reads them.
 */
export class SmtpMeetingInvitations implements MeetingInvitationSender {
  private readonly transport: Transporter;

  constructor(private readonly config: MailConfig) {
    this.transport = createSmtpTransport(config);
  }

  async invite(invitation: MeetingInvitation): Promise<void> {
    const organizer = senderAddress(this.config.from);
    const content = toICalendar(invitation.event, { method: 'REQUEST', organizer });
    await this.transport.sendMail({
      from: this.config.from,
      to: invitation.to,
      subject: invitation.subject,
      text: invitation.text,
      icalEvent: { method: 'REQUEST', filename: 'invitation.ics', content },
    });
  }

  close(): void {
    this.transport.close();
  }
}

/** `Name <address>` or `address` → `address`. */
function senderAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}
