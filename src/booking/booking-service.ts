import { createHash } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { ConversationLock } from '../storage/ports/conversation-lock.js';
import { CalendarError, overlaps, type CalendarPort, type NewCalendarEvent } from './calendar-port.js';
import { nextFreeSlots, searchRange, type Slot, type SlotRules } from './slots.js';

/** One calendar of the pool: whose it is and how to reach it. */
export interface PooledCalendar {
  name: string;
  /** Stable identity (the calendar URL or Graph user): names events and locks. */
  key: string;
  port: CalendarPort;
}

export interface BookingServiceDeps {
  provider: 'caldav' | 'graph';
  calendars: PooledCalendar[];
  rules: SlotRules;
  joinUrl?: string;
  /** Serialises the re-check and the write of one slot of one calendar (across instances on PostgreSQL). */
  lock: ConversationLock;
  logger: Logger;
  now: () => Date;
}

export type BookingResult =
  | { status: 'booked'; calendar: PooledCalendar; eventId: string; joinUrl?: string; event: NewCalendarEvent }
  /** Every calendar that was free for the slot is busy now (another visitor, or the SDR's own agenda). */
  | { status: 'taken' };

/**
 * Slots and bookings over a pool of calendars (one per SDR, round robin). Calendar failures surface as
 * `CalendarError`s for the caller to fall back on the booking link or a callback.
 */
export class BookingService {
  constructor(private readonly deps: BookingServiceDeps) {}

  get provider(): 'caldav' | 'graph' {
    return this.deps.provider;
  }

  get meetingMinutes(): number {
    return this.deps.rules.meetingMinutes;
  }

  get horizonDays(): number {
    return this.deps.rules.horizonDays;
  }

  calendarName(index: number): string | undefined {
    return this.deps.calendars[index]?.name;
  }

  /**
   * The next `count` free slots (after `after` for "other times"). A calendar that fails is left out while
   * another answers; when none answers, the first error is thrown.
   */
  async offer(count: number, after?: Date): Promise<Slot[]> {
    const now = this.deps.now();
    const range = searchRange(this.deps.rules, now);
    const answers = await Promise.allSettled(this.deps.calendars.map((calendar) => calendar.port.busy(range)));
    const failures = answers.flatMap((answer, index) => (answer.status === 'rejected' ? [{ index, error: answer.reason as unknown }] : []));
    for (const failure of failures) this.deps.logger.warn({ err: failure.error, calendar: this.deps.calendars[failure.index]?.name }, 'booking: calendar free/busy failed');
    if (failures.length === answers.length) throw failures[0]!.error;
    // A calendar that did not answer counts as fully busy: never offer what cannot be checked.
    const busy = answers.map((answer) => (answer.status === 'fulfilled' ? answer.value : [range]));
    return nextFreeSlots({ rules: this.deps.rules, now, busy, count, ...(after ? { after } : {}) });
  }

  /**
   * Books the slot in the first of its calendars (in round-robin order from `rotation`) that is still free at
   * this moment: the calendar's events are read again under a lock, then the event is written under a name
   * unique to the calendar and slot, so two visitors never get the same slot.
   */
  async book(slot: Pick<Slot, 'start' | 'end' | 'calendars'>, rotation: number, event: Omit<NewCalendarEvent, 'uid' | 'start' | 'end' | 'joinUrl'>): Promise<BookingResult> {
    const buffer = this.deps.rules.bufferMinutes * 60_000;
    const guarded = { start: new Date(slot.start.getTime() - buffer), end: new Date(slot.end.getTime() + buffer) };
    const order = rotate(slot.calendars.filter((index) => this.deps.calendars[index]), rotation);
    for (const index of order) {
      const calendar = this.deps.calendars[index]!;
      const booked = await this.deps.lock.run(`booking:${calendar.key}:${slot.start.toISOString()}`, async () => {
        const events = await calendar.port.eventsBetween(guarded);
        if (events.some((period) => overlaps(period, guarded))) return undefined;
        const written: NewCalendarEvent = { ...event, uid: slotUid(calendar.key, slot.start), start: slot.start, end: slot.end, ...(this.deps.joinUrl ? { joinUrl: this.deps.joinUrl } : {}) };
        try {
          return { ...(await calendar.port.createEvent(written)), event: written };
        } catch (error) {
          if (error instanceof CalendarError && error.code === 'calendar_conflict') return undefined;
          throw error;
        }
      });
      if (booked) return { status: 'booked', calendar, eventId: booked.id, ...(booked.joinUrl ? { joinUrl: booked.joinUrl } : {}), event: booked.event };
    }
    return { status: 'taken' };
  }
}

/** The same name for the same slot of the same calendar: a second write of it collides. */
export function slotUid(calendarKey: string, start: Date): string {
  const digest = createHash('sha256').update(`${calendarKey}|${start.toISOString()}`).digest('hex').slice(0, 24);
  return `qualibot-${digest}`;
}

function rotate<T>(items: T[], by: number): T[] {
  if (items.length === 0) return items;
  const shift = ((by % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
