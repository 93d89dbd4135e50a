import { describe, expect, it } from 'vitest';
import { BusinessHoursSyntaxError, isOpen, isTimeZone, parseBusinessHours, wallClock } from '../../src/handoff/business-hours.js';

const paris = (spec: string) => ({ windows: parseBusinessHours(spec), timeZone: 'Europe/Paris' });

describe('business hours', () => {
  it('parses day ranges, lists and several windows', () => {
    expect(parseBusinessHours('mon-fri 09:00-18:00')).toEqual([{ days: [1, 2, 3, 4, 5], start: 540, end: 1080 }]);
    expect(parseBusinessHours('Mon,Wed,Fri 8:30-12:00; sat 10:00-24:00')).toEqual([
      { days: [1, 3, 5], start: 510, end: 720 },
      { days: [6], start: 600, end: 1440 },
    ]);
    expect(parseBusinessHours('fri-mon 10:00-11:00')[0]?.days).toEqual([0, 1, 5, 6]);
  });

  it('reads empty, "always" and "24/7" as always open', () => {
    for (const spec of [undefined, '', '  ', 'always', '24/7']) expect(parseBusinessHours(spec)).toEqual([]);
    expect(isOpen({ windows: [], timeZone: 'Europe/Paris' }, new Date('2026-11-29T03:00:00Z'))).toBe(true);
  });

  it('names the bad part of an invalid specification', () => {
    expect(() => parseBusinessHours('weekdays 9-18')).toThrow(BusinessHoursSyntaxError);
    expect(() => parseBusinessHours('mon-fri 18:00-09:00')).toThrow(/closing time must be after/);
    expect(() => parseBusinessHours('mon-fri 09:00-25:00')).toThrow(/invalid time/);
    expect(() => parseBusinessHours('mon-fry 09:00-18:00')).toThrow(/unknown day "fry"/);
    expect(() => parseBusinessHours('mon-tue-wed 09:00-18:00')).toThrow(/not a day or a day range/);
  });

  it('reads the wall clock in the configured time zone, daylight saving included', () => {
    // 26 Nov 2026 is a Thursday; Paris is UTC+1 in winter, UTC+2 in summer.
    expect(wallClock(new Date('2026-11-26T08:30:00Z'), 'Europe/Paris')).toEqual({ day: 4, minute: 9 * 60 + 30 });
    expect(wallClock(new Date('2026-07-02T08:30:00Z'), 'Europe/Paris')).toEqual({ day: 4, minute: 10 * 60 + 30 });
    expect(wallClock(new Date('2026-11-26T03:00:00Z'), 'America/New_York')).toEqual({ day: 3, minute: 22 * 60 });
  });

  it('is open inside a window and closed outside, end excluded', () => {
    const hours = paris('mon-fri 09:00-18:00');
    expect(isOpen(hours, new Date('2026-11-26T07:59:00Z'))).toBe(false); // Thu 08:59 Paris
    expect(isOpen(hours, new Date('2026-11-26T08:00:00Z'))).toBe(true); // Thu 09:00
    expect(isOpen(hours, new Date('2026-11-26T16:59:00Z'))).toBe(true); // Thu 17:59
    expect(isOpen(hours, new Date('2026-11-26T17:00:00Z'))).toBe(false); // Thu 18:00
    expect(isOpen(hours, new Date('2026-11-28T10:00:00Z'))).toBe(false); // Saturday
    // Same UTC instant, other zone: 10:00 UTC is 05:00 in New York.
    expect(isOpen({ windows: parseBusinessHours('mon-fri 09:00-18:00'), timeZone: 'America/New_York' }, new Date('2026-11-26T10:00:00Z'))).toBe(false);
  });

  it('recognises IANA time zones', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
