import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fetchCalendarObjects, getBasicAuthHeaders } from 'tsdav';
import { BookingService, type PooledCalendar } from '../../src/booking/booking-service.js';
import { CalDavCalendar } from '../../src/booking/caldav-calendar.js';
import { CalendarError, type CalendarPort } from '../../src/booking/calendar-port.js';
import { GraphCalendar } from '../../src/booking/graph-calendar.js';
import { GraphTokenSource } from '../../src/booking/graph-token-source.js';
import type { SlotRules } from '../../src/booking/slots.js';
import { parseBusinessHours } from '../../src/handoff/business-hours.js';
import type { LeadPacket } from '../../src/handoff/lead-packet.js';
import { createLogger } from '../../src/logger.js';
import { KeyedLock } from '../../src/storage/keyed-lock.js';
import { startFakeGraph, type FakeGraph } from '../fakes/fake-graph-calendar-server.js';
import { FakeSmtpServer } from '../fakes/fake-smtp-server.js';
import { SmtpMeetingInvitations } from '../../src/booking/meeting-invitation.js';
import { startRadicale, type RadicaleServer } from '../setup/radicale.js';
import { BOOKING_URL, BookingHarness, startHarnessWith } from './booking-harness.js';
import { openPostgresDatabase } from '../../src/storage/postgres/open-postgres.js';
import { openSqliteDatabase } from '../../src/storage/sqlite/open-sqlite.js';
import type { Database } from '../../src/storage/ports/database.js';
import { createTestDatabase } from '../storage/pg-test-server.js';

const logger = createLogger('silent');
const RADICALE = inject('radicalePath');
const USERS = { marie: 'marie-password', paul: 'paul-password' };
const HOUR = 3_600_000;
/** Open every day, all day: the tests never depend on what day or time they run. */
const RULES: SlotRules = { hours: parseBusinessHours('mon-sun 00:00-24:00'), timeZone: 'Europe/Paris', meetingMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 3, slotStepMinutes: 30 };
const dayAfterTomorrow = () => {
  const start = new Date(Date.now() + 48 * HOUR);
  start.setUTCMinutes(0, 0, 0);
  return start;
};

function service(calendars: PooledCalendar[], now = () => new Date()): BookingService {
  return new BookingService({ provider: 'caldav', calendars, rules: RULES, lock: new KeyedLock(), logger, now });
}

describe.skipIf(!RADICALE)('CalDAV against a real Radicale on loopback', () => {
  let radicale: RadicaleServer;
  let marieUrl: string;
  const marie = (password = USERS.marie) => new CalDavCalendar({ url: marieUrl, username: 'marie', password, timeoutMs: 5000 });

  beforeAll(async () => {
    radicale = await startRadicale(RADICALE, USERS);
    marieUrl = await radicale.makeCalendar('marie', 'sales');
  });
  afterAll(async () => radicale?.stop());

  it('writes an event with the lead summary, the visitor as attendee and the join link; free/busy then shows it; the same slot twice collides', async () => {
    const start = dayAfterTomorrow();
    const end = new Date(start.getTime() + 30 * 60_000);
    const event = { uid: `t-${start.getTime()}`, start, end, title: 'Meeting with Sam', description: 'challenge: clear problem · money: allocated', attendee: { email: 'sam@northwind.example', name: 'Sam' }, joinUrl: 'https://meet.example/room-1' };
    const created = await marie().createEvent(event);
    expect(created).toEqual({ id: `${marieUrl}${event.uid}.ics`, joinUrl: 'https://meet.example/room-1' });
    expect(await marie().busy({ start: new Date(start.getTime() - HOUR), end: new Date(end.getTime() + HOUR) })).toEqual([{ start, end }]);
    // Outside the range: nothing.
    expect(await marie().eventsBetween({ start: end, end: new Date(end.getTime() + HOUR) })).toEqual([]);
    await expect(marie().createEvent(event)).rejects.toMatchObject({ code: 'calendar_conflict' });

    const [stored] = await fetchCalendarObjects({ calendar: { url: marieUrl }, objectUrls: [created.id], headers: getBasicAuthHeaders({ username: 'marie', password: USERS.marie }) });
    expect(stored?.data).toContain('SUMMARY:Meeting with Sam');
    expect(stored?.data).toContain('challenge: clear problem');
    // iCalendar folds long lines (RFC 5545 §3.1): unfolded before reading.
    expect(stored?.data?.replace(/\r?\n /g, '')).toMatch(/ATTENDEE;[^\n]*:mailto:sam@northwind\.example/);
    expect(stored?.data).toContain('LOCATION:https://meet.example/room-1');
  });

  it('reads a weekly recurring event on the day it recurs', async () => {
    const first = new Date(dayAfterTomorrow().getTime() - 7 * 24 * HOUR + 3 * HOUR);
    const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', `UID:weekly-${first.getTime()}`, `DTSTAMP:${stamp(first)}`, `DTSTART:${stamp(first)}`, `DTEND:${stamp(new Date(first.getTime() + HOUR))}`, 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:Weekly team meeting', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const put = await fetch(`${marieUrl}weekly.ics`, { method: 'PUT', headers: { ...getBasicAuthHeaders({ username: 'marie', password: USERS.marie }), 'content-type': 'text/calendar' }, body: ics });
    expect(put.status).toBe(201);
    const second = new Date(first.getTime() + 7 * 24 * HOUR);
    expect(await marie().busy({ start: new Date(second.getTime() - 10 * 60_000), end: new Date(second.getTime() + 10 * 60_000) })).toEqual([{ start: second, end: new Date(second.getTime() + HOUR) }]);
  });

  it('lets exactly one of two instances book the same slot at once (no shared lock: the calendar decides)', async () => {
    const start = new Date(dayAfterTomorrow().getTime() + 6 * HOUR);
    const slot = { start, end: new Date(start.getTime() + 30 * 60_000), calendars: [0] };
    const pool = (): PooledCalendar[] => [{ name: 'Marie — Sales', key: marieUrl, port: marie() }];
    const attendee = (email: string) => ({ title: 'Meeting', description: 'lead', attendee: { email } });
    const results = await Promise.all([service(pool()).book(slot, 0, attendee('a@x.example')), service(pool()).book(slot, 0, attendee('b@x.example'))]);
    expect(results.map((result) => result.status).sort()).toEqual(['booked', 'taken']);
  });

  it('names refused credentials and an unreachable server as such', async () => {
    const range = { start: dayAfterTomorrow(), end: new Date(dayAfterTomorrow().getTime() + HOUR) };
    await expect(marie('wrong-password').busy(range)).rejects.toMatchObject({ code: 'calendar_unauthorized' });
    await expect(new CalDavCalendar({ url: 'http://127.0.0.1:9/nobody/', username: 'x', password: 'y', timeoutMs: 2000 }).busy(range)).rejects.toMatchObject({ code: 'calendar_unreachable' });
  });

  describe('in the chat, when nobody claims a hot lead', () => {
    let h: BookingHarness;
    let calendarUrl: string;
    beforeAll(async () => {
      calendarUrl = await radicale.makeCalendar('paul', 'demo');
      h = await startHarnessWith({ calendar: () => new CalDavCalendar({ url: calendarUrl, username: 'paul', password: USERS.paul, timeoutMs: 5000 }), rules: RULES });
    });
    afterAll(async () => h?.close());

    it('offers three slots and "other times" in the visitor language, asks for the address, books, confirms and closes as meeting_booked', async () => {
      await h.reachHandoff('book-en', { locale: 'en' });
      await h.timeout();
      const offer = h.lastQuickReplies('book-en');
      expect(offer).toHaveLength(4);
      expect(offer.at(-1)).toBe('Other times');
      expect(h.botTexts('book-en').at(-1)).toBe("I can book you a 30-minute meeting with an expert right here: pick a time below (Paris time). If none suits you, tell me when to reach you: an expert will get back to you.");

      await h.say('book-en', 'Other times', { locale: 'en-US' });
      const more = h.lastQuickReplies('book-en');
      expect(more.slice(0, 3)).not.toContain(offer[0]);
      expect(h.botTexts('book-en').at(-1)).toBe('Here are other times (Paris time):');

      await h.say('book-en', more[1]!, { locale: 'en-US' });
      expect(h.botTexts('book-en').at(-1)).toBe(`Great: ${more[1]}. Which email address should I invite?`);
      await h.say('book-en', 'sam@northwind.example', { locale: 'en-US' });
      // No way to send an invitation here (no SMTP), and a CalDAV server may send none: the bot does not claim one.
      expect(h.botTexts('book-en').at(-1)).toBe(`You're booked: ${more[1]} (Paris time), with Paul — Sales. The team has your address, sam@northwind.example, to confirm the meeting.`);

      const handoff = await h.openHandoff('book-en');
      expect(handoff).toMatchObject({ status: 'closed', outcome: 'meeting_booked', endReason: 'meeting-booked' });
      const meeting = (handoff.packet as LeadPacket).meeting!;
      expect(meeting).toMatchObject({ calendar: 'Paul — Sales', provider: 'caldav', attendee: 'sam@northwind.example', visitorTimeZone: 'Europe/Paris' });
      const [event] = await fetchCalendarObjects({ calendar: { url: calendarUrl }, objectUrls: [meeting.eventId], headers: getBasicAuthHeaders({ username: 'paul', password: USERS.paul }) });
      expect(event?.data).toContain((handoff.packet as LeadPacket).summary.slice(0, 40));
      // The CRM hears of it through the outbox, meeting included.
      const outbox = await h.db.outbox.listAbout({ conversationId: 'book-en' });
      const update = outbox.find((entry) => entry.idempotencyKey === `${handoff.leadId}:outcome:${handoff.id}`);
      expect(update?.payload).toMatchObject({ handoff: { outcome: 'meeting_booked', meeting: { calendar: 'Paul — Sales', start: meeting.start } } });
      // The SDR console lists it with the meeting.
      await h.addSdr('lea@prospekt.example', 'Léa');
      const token = await h.login('lea@prospekt.example');
      const closed = await h.api('GET', '/api/sdr/handoffs?status=closed', { token });
      expect(closed.body).toContainEqual(expect.objectContaining({ id: handoff.id, outcome: 'meeting_booked', meeting: expect.objectContaining({ calendar: 'Paul — Sales', start: meeting.start }) }));
    });

    it('offers the next slots when another visitor took the one clicked', async () => {
      await h.reachHandoff('race-a');
      await h.say('race-a', 'alex@acme.example');
      await h.reachHandoff('race-b');
      await h.say('race-b', 'bea@globex.example');
      await h.timeout();
      const slotsA = h.lastQuickReplies('race-a');
      const slotsB = h.lastQuickReplies('race-b');
      expect(slotsB[0]).toBe(slotsA[0]);
      await h.say('race-a', slotsA[0]!);
      expect(h.botTexts('race-a').at(-1)).toMatch(/^C'est réservé : /);
      await h.say('race-b', slotsB[0]!);
      expect(h.botTexts('race-b').at(-1)).toBe("Désolé, ce créneau vient d'être pris. Voici les suivants (heure de Paris) :");
      const next = h.lastQuickReplies('race-b');
      expect(next).not.toContain(slotsA[0]);
      await h.say('race-b', next[0]!);
      expect(h.botTexts('race-b').at(-1)).toBe(`C'est réservé : ${next[0]} (heure de Paris), avec Paul — Sales. L'équipe a votre adresse, bea@globex.example, pour vous confirmer le rendez-vous.`);
    });
  });

  describe('with SMTP configured, the visitor invited by e-mail (CalDAV sends no invitation itself)', () => {
    let h: BookingHarness;
    let smtp: FakeSmtpServer;
    let invitations: SmtpMeetingInvitations;
    beforeAll(async () => {
      smtp = await new FakeSmtpServer().start();
      const mail = { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Prospekt <rdv@prospekt.example>', timeoutMs: 5000 };
      invitations = new SmtpMeetingInvitations(mail);
      const calendarUrl = await radicale.makeCalendar('paul', 'invites');
      h = await startHarnessWith({ calendar: () => new CalDavCalendar({ url: calendarUrl, username: 'paul', password: USERS.paul, timeoutMs: 5000 }), rules: RULES, invitations });
    });
    afterAll(async () => {
      invitations?.close();
      await h?.close();
      await smtp?.stop();
    });

    it('mails an iCalendar REQUEST in the visitor language, without the lead summary written for the SDR', async () => {
      await h.reachHandoff('invite-fr');
      await h.say('invite-fr', 'claire@initech.example');
      await h.timeout();
      const slot = h.lastQuickReplies('invite-fr')[0]!;
      await h.say('invite-fr', slot);
      expect(h.botTexts('invite-fr').at(-1)).toBe(`C'est réservé : ${slot} (heure de Paris), avec Paul — Sales. Vous êtes invité avec l'adresse claire@initech.example.`);
      const mail = smtp.mails.find((candidate) => candidate.subject === `Votre rendez-vous avec Paul — Sales : ${slot}`);
      expect(mail?.text).toContain(`Votre rendez-vous avec Paul — Sales est réservé : ${slot} (heure de Paris).`);
      const ics = String(mail?.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'))?.content ?? '');
      expect(ics).toMatch(/^METHOD:REQUEST\r?$/m);
      expect(ics).toMatch(/^ORGANIZER:mailto:rdv@prospekt\.example\r?$/m);
      expect(ics.replace(/\r?\n /g, '')).toContain('mailto:claire@initech.example');
      // The same event as the one in the SDR's calendar, as the visitor reads it: no score, no summary for the SDR.
      const meeting = ((await h.openHandoff('invite-fr')).packet as LeadPacket).meeting!;
      expect(ics).toContain(`UID:${meeting.eventId.replace(/^.*\//, '').replace(/\.ics$/, '')}`);
      expect(ics).not.toContain(((await h.openHandoff('invite-fr')).packet as LeadPacket).summary.slice(0, 30));
    });

    it('says nothing of an invitation when the mail server refuses the address; the meeting stands', async () => {
      await h.reachHandoff('invite-refused');
      await h.say('invite-refused', 'refused@initech.example');
      await h.timeout();
      const slot = h.lastQuickReplies('invite-refused')[0]!;
      await h.say('invite-refused', slot);
      expect(h.botTexts('invite-refused').at(-1)).toBe(`C'est réservé : ${slot} (heure de Paris), avec Paul — Sales. L'équipe a votre adresse, refused@initech.example, pour vous confirmer le rendez-vous.`);
      expect(await h.openHandoff('invite-refused')).toMatchObject({ status: 'closed', outcome: 'meeting_booked' });
    });
  });

  it('falls back honestly to the booking link and the callback when the credentials are refused', async () => {
    const h = await startHarnessWith({ calendar: () => marie('wrong-password'), rules: RULES });
    try {
      await h.reachHandoff('bad-creds');
      await h.timeout();
      expect(h.botTexts('bad-creds').slice(-4)).toEqual([
        "Désolé de vous avoir fait attendre : nos experts sont tous occupés en ce moment et personne n'a pu vous rejoindre.",
        "Je ne peux pas réserver de rendez-vous ici pour le moment : l'agenda de l'équipe ne répond pas.",
        `Vous pouvez réserver directement un créneau qui vous convient : ${BOOKING_URL}`,
        'Vous pouvez aussi me laisser votre e-mail ou votre téléphone, et le moment qui vous arrange : un expert vous recontactera.',
      ]);
      expect((await h.openHandoff('bad-creds')).packet).toMatchObject({ booking: { status: 'unavailable', error: 'calendar_unauthorized' }, callback: { status: 'awaiting' } });
      // The callback capture goes on as without a calendar.
      await h.say('bad-creds', 'demain 10h au 06 12 34 56 78');
      expect(h.botTexts('bad-creds').at(-1)).toBe('Merci ! Un expert vous recontactera à 06 12 34 56 78.');
    } finally {
      await h.close();
    }
  });
});

describe('an unreachable calendar', () => {
  it('never leaves the visitor without an answer: told so, given the callback (no booking link configured)', async () => {
    const h = await startHarnessWith({ calendar: () => new CalDavCalendar({ url: 'http://127.0.0.1:9/nobody/calendar/', username: 'x', password: 'y', timeoutMs: 2000 }), rules: RULES, config: { bookingUrl: undefined } });
    try {
      await h.reachHandoff('unreachable', { locale: 'en' });
      await h.timeout();
      expect(h.botTexts('unreachable').slice(-3)).toEqual([
        'Sorry to keep you waiting: our experts are all busy right now and nobody could join you.',
        "I can't book a meeting here right now: the team's calendar isn't responding.",
        'You can also leave me your email or phone number and a time that suits you: an expert will get back to you.',
      ]);
      expect((await h.openHandoff('unreachable')).packet).toMatchObject({ booking: { status: 'unavailable', error: 'calendar_unreachable' } });
    } finally {
      await h.close();
    }
  });
});

describe('outside business hours, with a Graph calendar', () => {
  it('offers the slots in the same turn as the decision, in English', async () => {
    const graph = await startFakeGraph({ users: ['paul@contoso.example'] });
    const today = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', weekday: 'short' }).format(new Date()).toLowerCase();
    const otherDay = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].indexOf(today.slice(0, 3)) + 3) % 7];
    const h = await new BookingHarness({
      config: { businessHours: parseBusinessHours(`${otherDay} 09:00-18:00`) },
      booking: ({ db, clock }) =>
        new BookingService({
          provider: 'graph',
          calendars: [{ name: 'Paul', key: 'graph:paul', port: new GraphCalendar({ apiUrl: graph.apiUrl, user: 'paul@contoso.example', tokens: new GraphTokenSource({ tokenUrl: graph.tokenUrl, clientId: graph.clientId, clientSecret: graph.clientSecret, scope: 'https://graph.microsoft.com/.default', timeoutMs: 5000 }), timeoutMs: 5000 }) }],
          rules: RULES,
          lock: db.lock,
          logger,
          now: clock.now,
        }),
    }).start();
    try {
      await h.reachHandoff('closed-en', { locale: 'en' });
      expect(h.botTexts('closed-en').slice(-2)).toEqual([
        "A quick note: our team isn't available right now, we're outside our business hours.",
        'I can book you a 30-minute meeting with an expert right here: pick a time below (Paris time). If none suits you, tell me when to reach you: an expert will get back to you.',
      ]);
      expect(h.lastQuickReplies('closed-en')).toHaveLength(4);
      expect(h.lastQuickReplies('closed-en')[0]).toMatch(/^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}, \d{1,2}:\d{2} (AM|PM)$/);
      expect(graph.calls).toContain('POST /v1.0/users/paul%40contoso.example/calendar/getSchedule');
    } finally {
      await h.close();
      await graph.close();
    }
  });
});

describe('Microsoft Graph against a faithful fake on loopback', () => {
  let graph: FakeGraph;
  const USER = 'marie@contoso.example';
  const calendar = (secret?: string) =>
    new GraphCalendar({
      apiUrl: graph.apiUrl,
      user: USER,
      tokens: new GraphTokenSource({ tokenUrl: graph.tokenUrl, clientId: graph.clientId, clientSecret: secret ?? graph.clientSecret, scope: 'https://graph.microsoft.com/.default', timeoutMs: 5000 }),
      timeoutMs: 5000,
    });
  beforeAll(async () => {
    graph = await startFakeGraph({ users: [USER] });
  });
  afterAll(async () => graph?.close());

  it('reads busy periods with getSchedule (free ones left out) and events with calendarView across pages', async () => {
    const base = dayAfterTomorrow();
    const mailbox = graph.mailboxes.get(USER)!;
    const at = (hours: number, length = 1) => ({ start: new Date(base.getTime() + hours * HOUR), end: new Date(base.getTime() + (hours + length) * HOUR) });
    mailbox.push({ id: 'e1', subject: 'Busy', showAs: 'busy', ...at(1) }, { id: 'e2', subject: 'Lunch (free)', showAs: 'free', ...at(3) }, { id: 'e3', subject: 'Out', showAs: 'oof', ...at(5) });
    for (let index = 0; index < 120; index += 1) mailbox.push({ id: `bulk-${index}`, subject: 'Bulk', showAs: 'tentative', ...at(10 + index * 0.25, 0.25) });
    const cal = calendar();
    const busy = await cal.busy({ start: base, end: new Date(base.getTime() + 8 * HOUR) });
    expect(busy).toEqual([at(1), at(5)]);
    const events = await cal.eventsBetween({ start: new Date(base.getTime() + 10 * HOUR), end: new Date(base.getTime() + 50 * HOUR) });
    expect(events).toHaveLength(120);
    expect(graph.calls.filter((call) => call.endsWith('/calendarView'))).toHaveLength(2);
    expect(graph.tokensIssued).toBe(1);
  });

  it('creates the event with the attendee and a Teams join link, once per transaction id', async () => {
    const start = new Date(dayAfterTomorrow().getTime() + 60 * HOUR);
    const event = { uid: 'qualibot-graph-1', start, end: new Date(start.getTime() + 30 * 60_000), title: 'Meeting with Sam', description: 'lead summary', attendee: { email: 'sam@northwind.example', name: 'Sam' } };
    const created = await calendar().createEvent(event);
    expect(created.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    const again = await calendar().createEvent(event);
    expect(again.id).toBe(created.id);
    const stored = graph.mailboxes.get(USER)!.find((item) => item.id === created.id)!;
    expect(stored).toMatchObject({ subject: 'Meeting with Sam', start: event.start, end: event.end, body: { content: 'lead summary' } });
    expect(stored.attendees).toEqual([{ type: 'required', emailAddress: { address: 'sam@northwind.example', name: 'Sam' } }]);
    expect(await calendar().eventsBetween({ start: event.start, end: event.end })).toEqual([{ start: event.start, end: event.end }]);
  });

  it('books through the pool and re-checks with calendarView', async () => {
    const pool: PooledCalendar[] = [{ name: 'Marie', key: `graph:${USER}`, port: calendar() }];
    const booking = new BookingService({ provider: 'graph', calendars: pool, rules: RULES, lock: new KeyedLock(), logger, now: () => new Date() });
    const [slot] = await booking.offer(1);
    const first = await booking.book(slot!, 0, { title: 'Meeting', description: 'lead', attendee: { email: 'a@x.example' } });
    expect(first).toMatchObject({ status: 'booked', calendar: { name: 'Marie' } });
    expect(await booking.book(slot!, 0, { title: 'Meeting', description: 'lead', attendee: { email: 'b@x.example' } })).toEqual({ status: 'taken' });
    const [next] = await booking.offer(1);
    expect(next!.start.getTime()).toBeGreaterThan(slot!.start.getTime());
  });

  it('answers a wrong client secret and a revoked token with calendar_unauthorized', async () => {
    const range = { start: dayAfterTomorrow(), end: new Date(dayAfterTomorrow().getTime() + HOUR) };
    const error = await calendar('wrong-secret').busy(range).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CalendarError);
    expect(error).toMatchObject({ code: 'calendar_unauthorized' });
    expect((error as Error).message).toContain('invalid_client');
    // A token the server no longer accepts: 401 InvalidAuthenticationToken.
    const revoked: CalendarPort = new GraphCalendar({ apiUrl: graph.apiUrl, user: USER, tokens: { token: async () => 'revoked-token', forget: () => undefined } as unknown as GraphTokenSource, timeoutMs: 5000 });
    await expect(revoked.busy(range)).rejects.toMatchObject({ code: 'calendar_unauthorized' });
  });
});

describe('two instances on one PostgreSQL, one Graph calendar (no server-side guard): the shared lock lets one book', () => {
  it('books the slot once, and records the meeting the same way on SQLite and PostgreSQL', async () => {
    const graph = await startFakeGraph({ users: ['paul@contoso.example'] });
    const database = await createTestDatabase();
    const [first, second] = await Promise.all([openPostgresDatabase({ url: database.url }), openPostgresDatabase({ url: database.url })]);
    const sqlite = openSqliteDatabase({ filename: ':memory:' });
    const graphPool = (): PooledCalendar[] => [
      {
        name: 'Paul',
        key: 'graph:paul@contoso.example',
        port: new GraphCalendar({ apiUrl: graph.apiUrl, user: 'paul@contoso.example', tokens: new GraphTokenSource({ tokenUrl: graph.tokenUrl, clientId: graph.clientId, clientSecret: graph.clientSecret, scope: 'https://graph.microsoft.com/.default', timeoutMs: 5000 }), timeoutMs: 5000 }),
      },
    ];
    const instance = (db: Database) => new BookingService({ provider: 'graph', calendars: graphPool(), rules: RULES, lock: db.lock, logger, now: () => new Date() });
    try {
      const [slot] = await instance(first!).offer(1);
      const details = (email: string) => ({ title: 'Meeting', description: 'lead', attendee: { email } });
      const results = await Promise.all([instance(first!).book(slot!, 0, details('a@x.example')), instance(second!).book(slot!, 0, details('b@x.example'))]);
      expect(results.map((result) => result.status).sort()).toEqual(['booked', 'taken']);
      expect(graph.mailboxes.get('paul@contoso.example')).toHaveLength(1);

      // The chat flow on both engines: the same closed handoff, meeting and CRM payload.
      const outcomes = [];
      for (const db of [first!, sqlite]) {
        const h = await new BookingHarness({
          db,
          booking: ({ clock }) => new BookingService({ provider: 'graph', calendars: graphPool(), rules: RULES, lock: db.lock, logger, now: clock.now }),
        }).start();
        try {
          await h.reachHandoff('engines');
          await h.say('engines', 'sam@northwind.example');
          await h.timeout();
          await h.say('engines', h.lastQuickReplies('engines')[0]!);
          const handoff = await h.openHandoff('engines');
          const update = (await db.outbox.listAbout({ conversationId: 'engines' })).find((entry) => entry.type === 'lead.updated' && entry.idempotencyKey.includes(':outcome:'));
          const meeting = (handoff.packet as LeadPacket).meeting!;
          outcomes.push({ status: handoff.status, outcome: handoff.outcome, endReason: handoff.endReason, calendar: meeting.calendar, attendee: meeting.attendee, joinUrl: Boolean(meeting.joinUrl), crm: (update?.payload as { handoff?: { meeting?: { calendar?: string } } })?.handoff?.meeting?.calendar });
        } finally {
          await h.close();
        }
      }
      expect(outcomes[0]).toEqual({ status: 'closed', outcome: 'meeting_booked', endReason: 'meeting-booked', calendar: 'Paul', attendee: 'sam@northwind.example', joinUrl: true, crm: 'Paul' });
      expect(outcomes[1]).toEqual(outcomes[0]);
    } finally {
      await Promise.all([first?.close(), second?.close(), sqlite.close()]);
      await database.drop();
      await graph.close();
    }
  });
});
