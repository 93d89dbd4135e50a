import { describe, expect, it } from 'vitest';
import { busyPeriods, toICalendar } from '../../src/booking/caldav-calendar.js';

const range = { start: new Date('2026-03-10T00:00:00Z'), end: new Date('2026-03-11T00:00:00Z') };
const vevent = (lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', 'BEGIN:VEVENT', 'UID:x', 'DTSTAMP:20260301T000000Z', ...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');

describe('busy periods of an iCalendar object', () => {
  it('reads an event, and leaves out transparent, cancelled and out-of-range ones', () => {
    expect(busyPeriods(vevent(['DTSTART:20260310T130000Z', 'DTEND:20260310T140000Z']), range)).toEqual([{ start: new Date('2026-03-10T13:00:00Z'), end: new Date('2026-03-10T14:00:00Z') }]);
    expect(busyPeriods(vevent(['DTSTART:20260310T130000Z', 'DTEND:20260310T140000Z', 'TRANSP:TRANSPARENT']), range)).toEqual([]);
    expect(busyPeriods(vevent(['DTSTART:20260310T130000Z', 'DTEND:20260310T140000Z', 'STATUS:CANCELLED']), range)).toEqual([]);
    expect(busyPeriods(vevent(['DTSTART:20260312T130000Z', 'DTEND:20260312T140000Z']), range)).toEqual([]);
    expect(busyPeriods('not an icalendar', range)).toEqual([]);
  });

  it('reads times in their own zone, with or without a VTIMEZONE in the object, across the daylight-saving change', () => {
    const named = vevent(['DTSTART;TZID=Europe/Paris:20260310T140000', 'DTEND;TZID=Europe/Paris:20260310T150000']);
    expect(busyPeriods(named, range)).toEqual([{ start: new Date('2026-03-10T13:00:00Z'), end: new Date('2026-03-10T14:00:00Z') }]);
    const vtimezone = [
      'BEGIN:VTIMEZONE', 'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD', 'DTSTART:16011028T030000', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:16010325T020000', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
      'END:VTIMEZONE',
    ];
    const withZone = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', ...vtimezone, 'BEGIN:VEVENT', 'UID:y', 'DTSTAMP:20260301T000000Z', 'DTSTART;TZID=W. Europe Standard Time:20260330T090000', 'DTEND;TZID=W. Europe Standard Time:20260330T100000', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    // 30 March 2026 is after the spring change: 09:00 in Paris is 07:00 UTC.
    expect(busyPeriods(withZone, { start: new Date('2026-03-30T00:00:00Z'), end: new Date('2026-03-31T00:00:00Z') })).toEqual([{ start: new Date('2026-03-30T07:00:00Z'), end: new Date('2026-03-30T08:00:00Z') }]);
  });

  it('expands a daily recurrence into the range only', () => {
    const daily = vevent(['DTSTART:20260301T080000Z', 'DTEND:20260301T083000Z', 'RRULE:FREQ=DAILY']);
    expect(busyPeriods(daily, range)).toEqual([{ start: new Date('2026-03-10T08:00:00Z'), end: new Date('2026-03-10T08:30:00Z') }]);
  });

  it('writes the event it reads back', () => {
    const ics = toICalendar({ uid: 'u1', start: new Date('2026-03-10T13:00:00Z'), end: new Date('2026-03-10T13:30:00Z'), title: 'Meeting', description: 'lead', attendee: { email: 'sam@x.example' } });
    expect(busyPeriods(ics, range)).toEqual([{ start: new Date('2026-03-10T13:00:00Z'), end: new Date('2026-03-10T13:30:00Z') }]);
    expect(ics.replace(/\r?\n /g, '')).toContain('ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:sam@x.example');
  });
});
