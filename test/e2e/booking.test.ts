import type { Browser, BrowserContext } from 'playwright-core';
import { fetchCalendarObjects, getBasicAuthHeaders } from 'tsdav';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { LeadPacket } from '../../src/handoff/lead-packet.js';
import { createLogger } from '../../src/logger.js';
import type { Database } from '../../src/storage/ports/database.js';
import { FakeSmtpServer } from '../fakes/fake-smtp-server.js';
import { startRadicale, type RadicaleServer } from '../setup/radicale.js';
import { CHROMIUM_PATH, HOT_LEAD, launchChromium, playbookMessages, WidgetPage } from '../channels/widget/widget-page.js';

const RADICALE = inject('radicalePath');
const PAUL = { user: 'paul', password: 'paul-password' };
const SLOTS_INTRO = 'Je peux vous réserver directement un rendez-vous de 30 min avec un expert';

let browser: Browser;
let radicale: RadicaleServer;
let calendarUrl: string;
let smtp: FakeSmtpServer;
let app: { url: string; db: Database; close(): Promise<void> };

/** The real application with no SDR signed in: a hot lead waits 1 s, then the calendar's slots are offered. */
beforeAll(async () => {
  if (!CHROMIUM_PATH || !RADICALE) return;
  radicale = await startRadicale(RADICALE, { [PAUL.user]: PAUL.password });
  calendarUrl = await radicale.makeCalendar(PAUL.user, 'demo');
  // Radicale sends no invitations: Qualibot mails them through this SMTP server.
  smtp = await new FakeSmtpServer().start();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: ':memory:',
    WARM_UP: 'false',
    HANDOFF_ASSIGNMENT_TIMEOUT_S: '1',
    TIMEZONE: 'Europe/Paris',
    BOOKING_CALENDAR: 'caldav',
    BOOKING_CALENDARS: `Paul — Sales=${calendarUrl}`,
    BOOKING_CALDAV_USERNAME: PAUL.user,
    BOOKING_CALDAV_PASSWORD: PAUL.password,
    // Any day, any hour: the test does not depend on when it runs.
    BOOKING_HOURS: 'mon-sun 00:00-24:00',
    BOOKING_MIN_NOTICE_MINUTES: '60',
    BOOKING_BUFFER_MINUTES: '0',
    BOOKING_JOIN_URL: 'https://meet.example/prospekt-demo',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_FROM: 'Prospekt <rdv@prospekt.example>',
  });
  app = await startApp(config, createLogger('silent'));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await radicale?.stop();
  await smtp?.stop();
});

async function hotVisitor(timezoneId: string): Promise<{ context: BrowserContext; widget: WidgetPage }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'fr-FR', timezoneId });
  const widget = await WidgetPage.open(context, `${app.url}/`);
  await widget.launcher.click();
  await widget.waitForBot(playbookMessages.greeting.fr, 30_000);
  await widget.converse('fr', HOT_LEAD, [playbookMessages.outcome.handoff.fr]);
  await widget.waitForBot(SLOTS_INTRO, 20_000);
  return { context, widget };
}

/** The quick replies on screen: three slots and "Autres créneaux". */
async function offeredSlots(widget: WidgetPage): Promise<string[]> {
  const buttons = widget.panel.locator('.webchat__suggested-actions button');
  await buttons.first().waitFor();
  return (await buttons.allInnerTexts()).map((text) => text.trim());
}

describe.skipIf(!CHROMIUM_PATH || !RADICALE)('booking a meeting in the chat against a real CalDAV server', { timeout: 150_000 }, () => {
  it('a hot visitor with no SDR online books one of three slots; a second visitor racing for the same slot gets another', async () => {
    // Two visitors reach the offer before either books: the same first slot, each on their own clock.
    const alex = await hotVisitor('America/New_York');
    const bea = await hotVisitor('Europe/Paris');
    await alex.widget.waitForBot('(heure de New York)');
    const alexSlots = await offeredSlots(alex.widget);
    const beaSlots = await offeredSlots(bea.widget);
    expect(alexSlots).toHaveLength(4);
    expect(alexSlots.at(-1)).toBe('Autres créneaux');
    expect(beaSlots).toHaveLength(4);
    const hour = (label: string) => /(\d{2})h(\d{2})$/.exec(label)!.slice(1).join(':');
    // The same instant, 6 hours apart on the wall clock (5 around the daylight-saving weeks).
    expect(hour(alexSlots[0]!)).not.toBe(hour(beaSlots[0]!));

    await alex.widget.click(alexSlots[0]!);
    await alex.widget.waitForBot(`Parfait : ${alexSlots[0]}. À quelle adresse e-mail dois-je vous inviter ?`);
    await alex.widget.type('alex@acme.example');
    await alex.widget.waitForBot(`C'est réservé : ${alexSlots[0]} (heure de New York), avec Paul — Sales. Vous êtes invité avec l'adresse alex@acme.example.`);
    await alex.widget.waitForBot('Lien pour rejoindre la réunion : https://meet.example/prospekt-demo');

    await bea.widget.click(beaSlots[0]!);
    await bea.widget.type('bea@globex.example');
    await bea.widget.waitForBot("Désolé, ce créneau vient d'être pris. Voici les suivants (heure de Paris) :");
    const next = await offeredSlots(bea.widget);
    expect(next).not.toContain(beaSlots[0]);
    await bea.widget.click(next[0]!);
    await bea.widget.waitForBot(`C'est réservé : ${next[0]} (heure de Paris), avec Paul — Sales. Vous êtes invité avec l'adresse bea@globex.example.`);

    // Both meetings are on the CalDAV server, each with its lead's summary and its visitor invited.
    const booked = (await app.db.handoffs.list({ status: 'closed' })).filter((handoff) => handoff.outcome === 'meeting_booked');
    expect(booked).toHaveLength(2);
    const meetings = booked.map((handoff) => (handoff.packet as LeadPacket).meeting!);
    expect(new Set(meetings.map((meeting) => meeting.start)).size).toBe(2);
    const objects = await fetchCalendarObjects({ calendar: { url: calendarUrl }, objectUrls: meetings.map((meeting) => meeting.eventId), headers: getBasicAuthHeaders({ username: PAUL.user, password: PAUL.password }) });
    expect(objects).toHaveLength(2);
    for (const handoff of booked) {
      const packet = handoff.packet as LeadPacket;
      const ics = objects.find((object) => object.url === packet.meeting!.eventId)!.data.replace(/\r?\n /g, '');
      expect(ics).toContain(packet.summary.slice(0, 60));
      expect(ics).toContain(`mailto:${packet.meeting!.attendee}`);
      expect(ics).toContain(`DTSTART:${packet.meeting!.start.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
      // And the visitor got the invitation by e-mail: the same event, as an iCalendar REQUEST.
      const invitation = smtp.mails.find((mail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '') === packet.meeting!.attendee);
      const request = String(invitation?.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'))?.content ?? '');
      expect(request).toMatch(/^METHOD:REQUEST\r?$/m);
      expect(request).toContain(`DTSTART:${packet.meeting!.start.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
    }
    await alex.context.close();
    await bea.context.close();
  });
});
