import ICAL from 'ical.js';
import { createCalendarObject, fetchCalendarObjects, getBasicAuthHeaders } from 'tsdav';
import { asCalendarError, calendarErrorFor, overlaps, type CalendarPort, type CreatedCalendarEvent, type NewCalendarEvent, type TimeRange } from './calendar-port.js';

export interface CalDavCalendarOptions {
  /** The calendar collection URL, e.g. `https://dav.example/marie/sales/`. */
  url: string;
  username: string;
  password: string;
  timeoutMs: number;
}

/**
 * A CalDAV calendar (Nextcloud, Fastmail, iCloud, Radicale…) through `tsdav`: free/busy from a
 * calendar-query REPORT on the events in the range (read with `ical.js`, recurrences expanded), and
 * events written as iCalendar objects named after the slot, with `If-None-Match: *` so that two
 * bookings of the same slot cannot both succeed, even from two instances.
 */
export class CalDavCalendar implements CalendarPort {
  private readonly calendar: { url: string };
  private readonly headers: Record<string, string>;

  constructor(private readonly options: CalDavCalendarOptions) {
    this.calendar = { url: options.url.endsWith('/') ? options.url : `${options.url}/` };
    this.headers = getBasicAuthHeaders({ username: options.username, password: options.password });
  }

  busy(range: TimeRange): Promise<TimeRange[]> {
    return this.eventsBetween(range);
  }

  async eventsBetween(range: TimeRange): Promise<TimeRange[]> {
    const objects = await this.call('calendar-query', () =>
      fetchCalendarObjects({
        calendar: this.calendar,
        timeRange: { start: range.start.toISOString(), end: range.end.toISOString() },
        headers: this.headers,
        fetchOptions: { signal: AbortSignal.timeout(this.options.timeoutMs) },
        // tsdav drops error answers silently: the custom fetch turns a refusal into an error.
        fetch: this.checkedFetch('calendar-query'),
      }),
    );
    return objects.flatMap((object) => (typeof object.data === 'string' ? busyPeriods(object.data, range) : []));
  }

  async createEvent(event: NewCalendarEvent): Promise<CreatedCalendarEvent> {
    const filename = `${event.uid}.ics`;
    const response = await this.call('create event', () =>
      createCalendarObject({
        calendar: this.calendar,
        filename,
        iCalString: toICalendar(event),
        headers: this.headers,
        fetchOptions: { signal: AbortSignal.timeout(this.options.timeoutMs) },
      }),
    );
    const error = calendarErrorFor(response.status, 'CalDAV create event');
    if (error) throw error;
    return { id: new URL(filename, this.calendar.url).href, ...(event.joinUrl ? { joinUrl: event.joinUrl } : {}) };
  }

  private async call<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw asCalendarError(error, `CalDAV ${what} on ${this.calendar.url}`);
    }
  }

  private checkedFetch(what: string): typeof fetch {
    return async (input, init) => {
      const response = await fetch(input, init);
      const error = response.status === 207 ? undefined : calendarErrorFor(response.status, `CalDAV ${what}`);
      if (error) throw error;
      return response;
    };
  }
}

/** The busy periods of one iCalendar object within `range`: its events and their recurrences, transparent ones and cancelled ones left out. */
export function busyPeriods(ics: string, range: TimeRange): TimeRange[] {
  const periods: TimeRange[] = [];
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(ics));
  } catch {
    return periods; // one unreadable object must not hide the others
  }
  for (const component of root.getAllSubcomponents('vevent')) {
    if (component.getFirstPropertyValue('transp') === 'TRANSPARENT' || component.getFirstPropertyValue('status') === 'CANCELLED') continue;
    const event = new ICAL.Event(component);
    if (!event.startDate) continue;
    if (!event.isRecurring()) {
      const period = { start: event.startDate.toJSDate(), end: (event.endDate ?? event.startDate).toJSDate() };
      if (overlaps(period, range)) periods.push(period);
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      const occurrence = event.getOccurrenceDetails(next);
      const period = { start: occurrence.startDate.toJSDate(), end: occurrence.endDate.toJSDate() };
      if (period.start >= range.end) break;
      if (overlaps(period, range)) periods.push(period);
    }
  }
  return periods;
}

/** The event as an iCalendar object: the lead summary as its description, the visitor as attendee, the join link. */
export function toICalendar(event: NewCalendarEvent): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//Qualibot//In-chat booking//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  const vevent = new ICAL.Component('vevent');
  vevent.updatePropertyWithValue('uid', event.uid);
  vevent.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(), true));
  vevent.updatePropertyWithValue('dtstart', ICAL.Time.fromJSDate(event.start, true));
  vevent.updatePropertyWithValue('dtend', ICAL.Time.fromJSDate(event.end, true));
  vevent.updatePropertyWithValue('summary', event.title);
  vevent.updatePropertyWithValue('description', event.joinUrl ? `${event.description}\n\n${event.joinUrl}` : event.description);
  if (event.joinUrl) {
    vevent.updatePropertyWithValue('location', event.joinUrl);
    vevent.updatePropertyWithValue('url', event.joinUrl);
  }
  const attendee = vevent.addPropertyWithValue('attendee', `mailto:${event.attendee.email}`);
  if (event.attendee.name) attendee.setParameter('cn', event.attendee.name);
  attendee.setParameter('role', 'REQ-PARTICIPANT');
  attendee.setParameter('partstat', 'NEEDS-ACTION');
  attendee.setParameter('rsvp', 'TRUE');
  calendar.addSubcomponent(vevent);
  return calendar.toString();
}

