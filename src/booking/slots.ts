import { DateTime } from 'luxon';
import type { OpeningWindow } from '../handoff/business-hours.js';
import { translate } from '../i18n/translate.js';
import type { Locale } from '../qualification/types.js';
import { overlaps, type TimeRange } from './calendar-port.js';

/** How meetings are laid out: working hours in the team's zone, length, buffers, minimum notice, horizon. */
export interface SlotRules {
  hours: OpeningWindow[];
  /** IANA zone the hours are read in (the team's). */
  timeZone: string;
  meetingMinutes: number;
  /** Free time kept before and after every other event. */
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  /** Slots start on this grid from the opening time (e.g. every 30 min). */
  slotStepMinutes: number;
}

/** A bookable slot and the calendars (pool indexes) free for it. */
export interface Slot {
  start: Date;
  end: Date;
  calendars: number[];
}

/** The range whose busy periods decide the slots offered now. */
export function searchRange(rules: SlotRules, now: Date): TimeRange {
  const start = new Date(now.getTime() + rules.minNoticeMinutes * 60_000);
  return { start, end: DateTime.fromJSDate(start).plus({ days: rules.horizonDays }).toJSDate() };
}

/**
 * The first `count` free slots after `now` + minimum notice (and strictly after `after`, for "other times"), in
 * working hours read on the team's wall clock (so a slot at 09:00 stays at 09:00 across a daylight-saving
 * change), where at least one calendar of the pool has no busy period within the buffers. Pure: no I/O.
 */
export function nextFreeSlots(input: { rules: SlotRules; now: Date; busy: TimeRange[][]; count: number; after?: Date }): Slot[] {
  const { rules, now, busy, count } = input;
  const earliest = Math.max(now.getTime() + rules.minNoticeMinutes * 60_000, input.after ? input.after.getTime() + 1 : 0);
  const lastDay = DateTime.fromJSDate(now, { zone: rules.timeZone }).startOf('day').plus({ days: rules.horizonDays });
  const buffer = rules.bufferMinutes * 60_000;
  const slots: Slot[] = [];
  for (let day = DateTime.fromJSDate(new Date(earliest), { zone: rules.timeZone }).startOf('day'); day <= lastDay && slots.length < count; day = day.plus({ days: 1 })) {
    for (const window of windowsOn(rules.hours, day.weekday % 7)) {
      for (let minute = window.start; minute + rules.meetingMinutes <= window.end && slots.length < count; minute += rules.slotStepMinutes) {
        // From the wall clock, not by adding milliseconds to midnight: 09:00 is 09:00 on the day clocks change.
        const start = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Math.floor(minute / 60), minute: minute % 60 }, { zone: rules.timeZone });
        // A wall time skipped by the spring-forward change does not exist: no slot there.
        if (start.hour * 60 + start.minute !== minute) continue;
        const end = start.plus({ minutes: rules.meetingMinutes });
        if (start.toMillis() < earliest) continue;
        const guarded = { start: new Date(start.toMillis() - buffer), end: new Date(end.toMillis() + buffer) };
        const free = busy.map((periods, index) => (periods.some((period) => overlaps(period, guarded)) ? -1 : index)).filter((index) => index >= 0);
        if (free.length > 0) slots.push({ start: start.toJSDate(), end: end.toJSDate(), calendars: free });
      }
    }
  }
  return slots;
}

function windowsOn(hours: OpeningWindow[], weekday: number): OpeningWindow[] {
  return hours.filter((window) => window.days.includes(weekday)).sort((a, b) => a.start - b.start);
}

/**
 * A slot as the visitor reads it, on their own wall clock: `mardi 10 mars à 14h00`, `Tuesday, March 10, 2:00 PM`.
 * The pattern is the catalogue's `booking.slotFormat` (a Luxon format, translated like any text).
 */
export function formatSlot(start: Date, timeZone: string, locale: Locale): string {
  return DateTime.fromJSDate(start, { zone: timeZone }).setLocale(locale === 'fr' ? 'fr-FR' : 'en-US').toFormat(translate('booking.slotFormat', locale));
}

/** A zone name people read: `Europe/Paris` → `Paris`, `America/New_York` → `New York`. */
export function zoneLabel(timeZone: string): string {
  const city = timeZone.split('/').at(-1) ?? timeZone;
  return city.replace(/_/g, ' ');
}
