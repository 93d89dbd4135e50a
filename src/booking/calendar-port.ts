import { AppError } from '../errors.js';

/** A half-open time range [start, end). */
export interface TimeRange {
  start: Date;
  end: Date;
}

/** The meeting to write in an SDR's calendar. */
export interface NewCalendarEvent {
  /** Stable per calendar and slot: a second booking of the same slot collides on it (CalDAV `If-None-Match: *`). */
  uid: string;
  start: Date;
  end: Date;
  title: string;
  /** The lead summary the SDR reads before the call. */
  description: string;
  attendee: { email: string; name?: string };
  /** A fixed video-room link; without one a provider that can create meetings (Graph: Teams) does. */
  joinUrl?: string;
}

export interface CreatedCalendarEvent {
  /** Where the event lives (CalDAV object URL, Graph event id). */
  id: string;
  joinUrl?: string;
}

/**
 * One SDR's calendar. Implementations: CalDAV (`caldav-calendar.ts`) and Microsoft Graph (`graph-calendar.ts`).
 * Every failure is a `CalendarError` with a code the booking flow branches on.
 */
export interface CalendarPort {
  /** Busy periods overlapping `range` (free/busy view, used to offer slots). */
  busy(range: TimeRange): Promise<TimeRange[]>;
  /** The calendar's events overlapping `range`, read at booking time (the authoritative re-check). */
  eventsBetween(range: TimeRange): Promise<TimeRange[]>;
  /** Writes the event; `CalendarError('calendar_conflict')` when the slot's event already exists. */
  createEvent(event: NewCalendarEvent): Promise<CreatedCalendarEvent>;
}

export const CALENDAR_ERROR_CODES = ['calendar_unreachable', 'calendar_unauthorized', 'calendar_conflict', 'calendar_failed'] as const;
export type CalendarErrorCode = (typeof CALENDAR_ERROR_CODES)[number];

export class CalendarError extends AppError {
  constructor(
    override readonly code: CalendarErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** Any error from a calendar call as a `CalendarError` (network failures and timeouts are `calendar_unreachable`). */
export function asCalendarError(error: unknown, what: string): CalendarError {
  if (error instanceof CalendarError) return error;
  return new CalendarError('calendar_unreachable', `${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/** The HTTP status of a calendar answer as a `CalendarError`, or undefined when it succeeded. */
export function calendarErrorFor(status: number, what: string): CalendarError | undefined {
  if (status >= 200 && status < 300) return undefined;
  if (status === 401 || status === 403) return new CalendarError('calendar_unauthorized', `${what}: HTTP ${status} (check the calendar credentials)`);
  if (status === 412 || status === 409) return new CalendarError('calendar_conflict', `${what}: HTTP ${status} (the slot is already taken)`);
  return new CalendarError('calendar_failed', `${what}: HTTP ${status}`);
}

export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}
