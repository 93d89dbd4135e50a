import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { isTimeZone } from '../handoff/business-hours.js';
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
  // Times with a TZID resolve through the zones the object itself carries (what CalDAV clients write).
  for (const zone of root.getAllSubcomponents('vtimezone')) {
    const tzid = zone.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string' && !ICAL.TimezoneService.has(tzid)) ICAL.TimezoneService.register(zone);
  }
  for (const component of root.getAllSubcomponents('vevent')) {
    if (component.getFirstPropertyValue('transp') === 'TRANSPARENT' || component.getFirstPropertyValue('status') === 'CANCELLED') continue;
    const event = new ICAL.Event(component);
    if (!event.startDate) continue;
    if (!event.isRecurring()) {
      const period = { start: instant(event.startDate), end: instant(event.endDate ?? event.startDate) };
      if (overlaps(period, range)) periods.push(period);
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      const occurrence = event.getOccurrenceDetails(next);
      const period = { start: instant(occurrence.startDate), end: instant(occurrence.endDate) };
      if (period.start >= range.end) break;
      if (overlaps(period, range)) periods.push(period);
    }
  }
  return periods;
}

/**
 * The instant of an iCalendar time. A TZID with no VTIMEZONE in the object (allowed for IANA names by many servers)
 * is read with luxon in that zone; a floating time or an unknown zone is read as UTC rather than the process's zone.
 */
function instant(time: ICAL.Time): Date {
  const tzid = time.zone?.tzid;
  if (tzid && tzid !== 'floating') return time.toJSDate();
  const named = (time as unknown as { timezone?: string }).timezone;
  const zone = named && isTimeZone(named) ? named : 'UTC';
  return DateTime.fromObject({ year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second }, { zone }).toJSDate();
}

/**
 * The event as an iCalendar object: the lead summary as its description, the visitor as attendee, the join link.
 * As an invitation sent by mail (iTIP `REQUEST`, RFC 5546) it also names the method and its organizer.
 */
export function toICalendar(event: NewCalendarEvent, invitation?: { method: 'REQUEST'; organizer: string }): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//Qualibot//In-chat booking//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  if (invitation) calendar.updatePropertyWithValue('method', invitation.method);
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
  if (invitation) vevent.updatePropertyWithValue('organizer', `mailto:${invitation.organizer}`);
  const attendee = vevent.addPropertyWithValue('attendee', `mailto:${event.attendee.email}`);
  if (event.attendee.name) attendee.setParameter('cn', event.attendee.name);
  attendee.setParameter('role', 'REQ-PARTICIPANT');
  attendee.setParameter('partstat', 'NEEDS-ACTION');
  attendee.setParameter('rsvp', 'TRUE');
  calendar.addSubcomponent(vevent);
  return calendar.toString();
}

