import { asCalendarError, calendarErrorFor, CalendarError, overlaps, type CalendarPort, type CreatedCalendarEvent, type NewCalendarEvent, type TimeRange } from './calendar-port.js';
import type { GraphTokenSource } from './graph-token-source.js';

export interface GraphCalendarOptions {
  /** Graph API base, e.g. `https://graph.microsoft.com/v1.0/`. */
  apiUrl: string;
  /** The SDR: user id or user principal name (also the address getSchedule asks about). */
  user: string;
  tokens: GraphTokenSource;
  timeoutMs: number;
}

interface GraphDateTime {
  dateTime: string;
  timeZone: string;
}

/** Statuses that leave the person free for a meeting (`unknown` is not: never offer what cannot be checked). */
const FREE = new Set(['free', 'workingElsewhere']);

/**
 * A Microsoft 365 calendar through Microsoft Graph (application permission `Calendars.ReadWrite`):
 * `POST /users/{id}/calendar/getSchedule` to offer slots, `GET /users/{id}/calendarView` to re-check at
 * booking time, `POST /users/{id}/events` to book (a Teams meeting unless a join link is configured).
 * Times are exchanged in UTC (`Prefer: outlook.timezone="UTC"`).
 */
export class GraphCalendar implements CalendarPort {
  constructor(private readonly options: GraphCalendarOptions) {}

  private get userPath(): string {
    return `users/${encodeURIComponent(this.options.user)}`;
  }

  async busy(range: TimeRange): Promise<TimeRange[]> {
    const body = await this.request<{ value?: Array<{ scheduleItems?: Array<{ status?: string; start: GraphDateTime; end: GraphDateTime }>; error?: { message?: string } }> }>(
      'getSchedule',
      'POST',
      `${this.userPath}/calendar/getSchedule`,
      { schedules: [this.options.user], startTime: utc(range.start), endTime: utc(range.end), availabilityViewInterval: 15 },
    );
    const schedule = body.value?.[0];
    if (!schedule || schedule.error) throw new CalendarError('calendar_failed', `Graph getSchedule: ${schedule?.error?.message ?? 'no schedule returned'}`);
    return (schedule.scheduleItems ?? []).filter((item) => !FREE.has(item.status ?? 'busy')).map((item) => ({ start: fromGraph(item.start), end: fromGraph(item.end) }));
  }

  async eventsBetween(range: TimeRange): Promise<TimeRange[]> {
    const query = new URLSearchParams({ startDateTime: range.start.toISOString(), endDateTime: range.end.toISOString(), $select: 'start,end,showAs,isCancelled', $top: '100' });
    let path: string | undefined = `${this.userPath}/calendarView?${query}`;
    const periods: TimeRange[] = [];
    // Follows @odata.nextLink: a busy calendar may span several pages.
    for (let page = 0; path && page < 20; page += 1) {
      const body: { value?: Array<{ start: GraphDateTime; end: GraphDateTime; showAs?: string; isCancelled?: boolean }>; '@odata.nextLink'?: string } = await this.request('calendarView', 'GET', path);
      for (const event of body.value ?? []) {
        if (event.isCancelled || FREE.has(event.showAs ?? 'busy')) continue;
        const period = { start: fromGraph(event.start), end: fromGraph(event.end) };
        if (overlaps(period, range)) periods.push(period);
      }
      path = body['@odata.nextLink'];
    }
    return periods;
  }

  async createEvent(event: NewCalendarEvent): Promise<CreatedCalendarEvent> {
    const created = await this.request<{ id: string; onlineMeeting?: { joinUrl?: string } | null }>('create event', 'POST', `${this.userPath}/events`, {
      subject: event.title,
      body: { contentType: 'text', content: event.joinUrl ? `${event.description}\n\n${event.joinUrl}` : event.description },
      start: utc(event.start),
      end: utc(event.end),
      attendees: [{ type: 'required', emailAddress: { address: event.attendee.email, ...(event.attendee.name ? { name: event.attendee.name } : {}) } }],
      // Graph's own guard against a retried POST creating the event twice.
      transactionId: event.uid,
      ...(event.joinUrl ? { location: { displayName: event.joinUrl, locationUri: event.joinUrl } } : { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' }),
    });
    const joinUrl = event.joinUrl ?? created.onlineMeeting?.joinUrl ?? undefined;
    return { id: created.id, ...(joinUrl ? { joinUrl } : {}) };
  }

  private async request<T>(what: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const url = /^https?:/.test(path) ? path : new URL(path, this.options.apiUrl).href;
    try {
      const token = await this.options.tokens.token();
      const response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, prefer: 'outlook.timezone="UTC"', ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const error = calendarErrorFor(response.status, `Graph ${what} for ${this.options.user}`);
      if (error) {
        if (error.code === 'calendar_unauthorized') this.options.tokens.forget();
        throw error;
      }
      return (await response.json()) as T;
    } catch (error) {
      throw asCalendarError(error, `Graph ${what} for ${this.options.user}`);
    }
  }
}

function utc(date: Date): GraphDateTime {
  return { dateTime: date.toISOString().replace(/Z$/, ''), timeZone: 'UTC' };
}

/** Graph answers `2030-03-05T10:00:00.0000000` with `timeZone: "UTC"` (we ask for UTC). */
function fromGraph(value: GraphDateTime): Date {
  const text = value.dateTime.replace(/(\.\d{3})\d*$/, '$1');
  if (value.timeZone && value.timeZone !== 'UTC') throw new CalendarError('calendar_failed', `Graph answered in ${value.timeZone}, not UTC`);
  return new Date(/Z|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
}
