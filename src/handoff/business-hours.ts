/**
 * When SDRs are at work, e.g. `mon-fri 09:00-18:00` or `mon-thu 09:00-12:30; mon-thu 14:00-18:00; fri 09:00-17:00`,
 * read in an IANA time zone with `Intl.DateTimeFormat` (daylight saving included, no extra package).
 * An empty specification means always open.
 */

/** One opening window: on these weekdays (0 = Sunday), from `start` to `end` minutes after midnight (end excluded). */
export interface OpeningWindow {
  days: number[];
  start: number;
  end: number;
}

export interface BusinessHours {
  /** Empty = always open. */
  windows: OpeningWindow[];
  timeZone: string;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export class BusinessHoursSyntaxError extends Error {}

/** Parses the `BUSINESS_HOURS` syntax; throws `BusinessHoursSyntaxError` naming the bad part. */
export function parseBusinessHours(spec: string | undefined): OpeningWindow[] {
  const text = (spec ?? '').trim().toLowerCase();
  if (text === '' || text === 'always' || text === '24/7') return [];
  return text.split(';').map((part) => parseWindow(part.trim()));
}

function parseWindow(part: string): OpeningWindow {
  const match = /^([a-z,\s-]+?)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(part);
  if (!match) throw new BusinessHoursSyntaxError(`"${part}" is not "DAYS HH:MM-HH:MM" (e.g. "mon-fri 09:00-18:00")`);
  const [, dayText = '', startH, startM, endH, endM] = match;
  const start = minutes(Number(startH), Number(startM), part);
  const end = minutes(Number(endH), Number(endM), part);
  if (end <= start) throw new BusinessHoursSyntaxError(`"${part}": the closing time must be after the opening time`);
  return { days: parseDays(dayText, part), start, end };
}

function minutes(hours: number, mins: number, part: string): number {
  const total = hours * 60 + mins;
  if (mins > 59 || total > 24 * 60) throw new BusinessHoursSyntaxError(`"${part}": invalid time`);
  return total;
}

function parseDays(text: string, part: string): number[] {
  const days = new Set<number>();
  for (const item of text.split(',').map((value) => value.trim())) {
    const ends = item.split('-');
    if (ends.length > 2) throw new BusinessHoursSyntaxError(`"${part}": "${item}" is not a day or a day range`);
    const [from = 0, to] = ends.map((value) => dayIndex(value.trim(), part));
    if (to === undefined) {
      days.add(from);
      continue;
    }
    // Wraps around the week: "fri-mon" is Friday to Monday.
    for (let day = from; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === to) break;
    }
  }
  if (days.size === 0) throw new BusinessHoursSyntaxError(`"${part}": no day given`);
  return [...days].sort((a, b) => a - b);
}

function dayIndex(name: string, part: string): number {
  const index = DAYS.indexOf(name.slice(0, 3) as (typeof DAYS)[number]);
  if (index < 0 || name.length < 3) throw new BusinessHoursSyntaxError(`"${part}": unknown day "${name}" (use mon, tue, wed, thu, fri, sat, sun)`);
  return index;
}

/** True for a time zone `Intl` knows (e.g. `Europe/Paris`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The weekday (0 = Sunday) and minutes after midnight of `at` on the wall clock of `timeZone`. */
export function wallClock(at: Date, timeZone: string): { day: number; minute: number } {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, part.value]));
  const day = DAYS.indexOf(String(parts.weekday).toLowerCase().slice(0, 3) as (typeof DAYS)[number]);
  return { day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

export function isOpen(hours: BusinessHours, at: Date): boolean {
  if (hours.windows.length === 0) return true;
  const { day, minute } = wallClock(at, hours.timeZone);
  return hours.windows.some((window) => window.days.includes(day) && minute >= window.start && minute < window.end);
}
