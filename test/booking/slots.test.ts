import { describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../../src/handoff/business-hours.js';
import { formatSlot, nextFreeSlots, zoneLabel, type SlotRules } from '../../src/booking/slots.js';

const rules = (overrides: Partial<SlotRules> = {}): SlotRules => ({
  hours: parseBusinessHours('mon-fri 09:00-18:00'),
  timeZone: 'Europe/Paris',
  meetingMinutes: 30,
  bufferMinutes: 10,
  minNoticeMinutes: 120,
  horizonDays: 14,
  slotStepMinutes: 30,
  ...overrides,
});
const iso = (slots: { start: Date }[]) => slots.map((slot) => slot.start.toISOString());

describe('next free slots', () => {
  it('respects the minimum notice, working hours, buffers and busy periods', () => {
    // Tuesday 10 March 2026, 08:15 in Paris (UTC+1): notice → 10:15, so 10:30 is the first.
    const now = new Date('2026-03-10T07:15:00Z');
    const busy = [[{ start: new Date('2026-03-10T09:30:00Z'), end: new Date('2026-03-10T10:00:00Z') }]]; // 10:30–11:00 Paris
    const slots = nextFreeSlots({ rules: rules(), now, busy, count: 3 });
    // 10:30 busy; 11:00 within the 10-minute buffer after it; 11:30 free.
    expect(iso(slots)).toEqual(['2026-03-10T10:30:00.000Z', '2026-03-10T11:00:00.000Z', '2026-03-10T11:30:00.000Z']);
    expect(slots[0]!.calendars).toEqual([0]);
  });

  it('skips the weekend and continues after the closing time', () => {
    // Friday 13 March 2026, 17:00 Paris: notice → 19:00, closed; next is Monday 09:00.
    const slots = nextFreeSlots({ rules: rules(), now: new Date('2026-03-13T16:00:00Z'), busy: [[]], count: 2 });
    expect(iso(slots)).toEqual(['2026-03-16T08:00:00.000Z', '2026-03-16T08:30:00.000Z']);
  });

  it('offers "other times" strictly after the last offered slot', () => {
    const now = new Date('2026-03-16T06:00:00Z');
    const first = nextFreeSlots({ rules: rules({ minNoticeMinutes: 0 }), now, busy: [[]], count: 3 });
    const more = nextFreeSlots({ rules: rules({ minNoticeMinutes: 0 }), now, busy: [[]], count: 3, after: first.at(-1)!.start });
    expect(more[0]!.start.getTime()).toBe(first.at(-1)!.start.getTime() + 30 * 60_000);
  });

  it('keeps a pool slot while one calendar of the pool is free, naming the free ones', () => {
    const now = new Date('2026-03-16T06:00:00Z');
    const marieBusy = [{ start: new Date('2026-03-16T08:00:00Z'), end: new Date('2026-03-16T09:00:00Z') }];
    const [slot] = nextFreeSlots({ rules: rules({ minNoticeMinutes: 0 }), now, busy: [marieBusy, []], count: 1 });
    expect(slot).toMatchObject({ start: new Date('2026-03-16T08:00:00Z'), calendars: [1] });
  });

  it('stays at 09:00 on the team clock across the spring daylight-saving change (Paris, 29 March 2026)', () => {
    // Friday 27 March (UTC+1) → Monday 30 March (UTC+2).
    const slots = nextFreeSlots({ rules: rules({ hours: parseBusinessHours('mon-fri 09:00-09:30') }), now: new Date('2026-03-26T12:00:00Z'), busy: [[]], count: 2 });
    expect(iso(slots)).toEqual(['2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });

  it('never offers a wall time the spring change skips (02:00–03:00 in Paris)', () => {
    const slots = nextFreeSlots({
      rules: rules({ hours: parseBusinessHours('sun 01:30-04:00'), meetingMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 0 }),
      now: new Date('2026-03-28T12:00:00Z'),
      busy: [[]],
      count: 3,
    });
    expect(slots.map((slot) => formatSlot(slot.start, 'Europe/Paris', 'fr'))).toEqual([
      'dimanche 29 mars à 01h30',
      'dimanche 29 mars à 03h00',
      'dimanche 29 mars à 03h30',
    ]);
  });

  it('handles the New York change two weeks before Paris: 09:00 Paris is 04:00 then 05:00 in New York', () => {
    const slots = nextFreeSlots({ rules: rules({ hours: parseBusinessHours('mon-fri 09:00-09:30') }), now: new Date('2026-03-05T12:00:00Z'), busy: [[]], count: 2 });
    // Friday 6 March: both zones in winter time; Monday 9 March: New York on summer time, Paris not yet.
    expect(slots.map((slot) => formatSlot(slot.start, 'America/New_York', 'en'))).toEqual(['Friday, March 6, 3:00 AM', 'Monday, March 9, 4:00 AM']);
    expect(slots.map((slot) => formatSlot(slot.start, 'Europe/Paris', 'fr'))).toEqual(['vendredi 6 mars à 09h00', 'lundi 9 mars à 09h00']);
  });
});

describe('slot labels in the visitor zone, French and English', () => {
  const slot = new Date('2026-10-26T14:00:00Z'); // Monday, after the autumn change in Paris (UTC+1), New York still on summer time (UTC-4)
  it.each([
    ['Europe/Paris', 'fr', 'lundi 26 octobre à 15h00'],
    ['Europe/Paris', 'en', 'Monday, October 26, 3:00 PM'],
    ['America/New_York', 'en', 'Monday, October 26, 10:00 AM'],
    ['America/New_York', 'fr', 'lundi 26 octobre à 10h00'],
  ] as const)('%s in %s', (zone, locale, expected) => {
    expect(formatSlot(slot, zone, locale)).toBe(expected);
  });

  it('before the autumn change Paris is UTC+2', () => {
    expect(formatSlot(new Date('2026-10-23T14:00:00Z'), 'Europe/Paris', 'fr')).toBe('vendredi 23 octobre à 16h00');
  });

  it('names the zone by its city', () => {
    expect(zoneLabel('America/New_York')).toBe('New York');
    expect(zoneLabel('Europe/Paris')).toBe('Paris');
  });
});
