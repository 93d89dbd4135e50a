/** A meeting booked in the chat, as the handoff, the consoles, the SDR cards and the CRM carry it. */
export interface BookedMeeting {
  /** ISO instants. */
  start: string;
  end: string;
  /** Whose calendar holds it (the SDR the visitor meets). */
  calendar: string;
  provider: 'caldav' | 'graph';
  /** CalDAV object URL or Graph event id. */
  eventId: string;
  joinUrl?: string;
  /** The invited visitor. */
  attendee: string;
  /** The zone the visitor saw the slot in. */
  visitorTimeZone: string;
  /** The team's zone (BUSINESS_HOURS / TIMEZONE): how SDRs read it. */
  teamTimeZone: string;
  bookedAt: string;
}

/** One slot shown to the visitor as a quick reply. */
export interface OfferedSlot {
  start: string;
  end: string;
  /** Pool indexes of the calendars free at that time. */
  calendars: number[];
  /** The quick reply's text, which the visitor's click sends back. */
  label: string;
}

/** The in-chat booking state of a handoff (kept in its packet). */
export interface BookingState {
  /**
   * `offered`: slots shown; `awaiting-email`: a slot chosen, the invitation address asked; `booked`; `unavailable`:
   * the calendar could not be read or written, the visitor was given the booking link / callback instead.
   */
  status: 'offered' | 'awaiting-email' | 'booked' | 'unavailable';
  timeZone: string;
  slots: OfferedSlot[];
  chosen?: OfferedSlot;
  /** The calendar error code behind `unavailable`. */
  error?: string;
}
