import { describe, expect, it } from 'vitest';
import { loadBookingConfig } from '../../src/booking/booking-config.js';
import { loadConfig } from '../../src/config.js';
import { parseBusinessHours } from '../../src/handoff/business-hours.js';

const business = { hours: parseBusinessHours('mon-fri 08:30-17:00'), timeZone: 'America/New_York' };

describe('booking configuration', () => {
  it('is off without BOOKING_CALENDAR', () => {
    expect(loadBookingConfig({}, business)).toBeUndefined();
    expect(loadConfig({}).booking).toBeUndefined();
  });

  it('reads a CalDAV pool with the business hours and zone as defaults', () => {
    const config = loadBookingConfig(
      { BOOKING_CALENDAR: 'caldav', BOOKING_CALENDARS: 'Marie — Sales=https://dav.example/marie/sales/, Paul=https://dav.example/paul/demo/', BOOKING_CALDAV_USERNAME: 'bot', BOOKING_CALDAV_PASSWORD: 'pw' },
      business,
    );
    expect(config).toMatchObject({
      provider: 'caldav',
      calendars: [
        { name: 'Marie — Sales', ref: 'https://dav.example/marie/sales/' },
        { name: 'Paul', ref: 'https://dav.example/paul/demo/' },
      ],
      hours: business.hours,
      timeZone: 'America/New_York',
      meetingMinutes: 30,
      bufferMinutes: 10,
      minNoticeMinutes: 120,
      caldav: { username: 'bot', password: 'pw' },
    });
  });

  it('builds the Graph token URL from the tenant and keeps BOOKING_HOURS over the business hours', () => {
    const config = loadBookingConfig(
      { BOOKING_CALENDAR: 'graph', BOOKING_CALENDARS: 'Marie=marie@contoso.com', BOOKING_GRAPH_TENANT_ID: 'contoso', BOOKING_GRAPH_CLIENT_ID: 'app', BOOKING_GRAPH_CLIENT_SECRET: 's', BOOKING_HOURS: 'tue 10:00-12:00' },
      business,
    );
    expect(config?.graph).toEqual({ tenantId: 'contoso', clientId: 'app', clientSecret: 's', apiUrl: 'https://graph.microsoft.com/v1.0/', tokenUrl: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token' });
    expect(config?.hours).toEqual([{ days: [2], start: 600, end: 720 }]);
  });

  it.each([
    [{ BOOKING_CALENDAR: 'outlook' }, /BOOKING_CALENDAR/],
    [{ BOOKING_CALENDAR: 'caldav' }, /BOOKING_CALENDARS is required/],
    [{ BOOKING_CALENDAR: 'caldav', BOOKING_CALENDARS: 'Marie=https://dav.example/m/' }, /BOOKING_CALDAV_USERNAME and BOOKING_CALDAV_PASSWORD/],
    [{ BOOKING_CALENDAR: 'caldav', BOOKING_CALENDARS: 'https://dav.example/m/', BOOKING_CALDAV_USERNAME: 'u', BOOKING_CALDAV_PASSWORD: 'p' }, /is not "Name=calendar"/],
    [{ BOOKING_CALENDAR: 'caldav', BOOKING_CALENDARS: 'Marie=marie', BOOKING_CALDAV_USERNAME: 'u', BOOKING_CALDAV_PASSWORD: 'p' }, /not a CalDAV calendar URL/],
    [{ BOOKING_CALENDAR: 'graph', BOOKING_CALENDARS: 'Marie=marie@contoso.com', BOOKING_GRAPH_TENANT_ID: 't' }, /BOOKING_GRAPH_CLIENT_ID, BOOKING_GRAPH_CLIENT_SECRET required/],
    [{ BOOKING_MEETING_MINUTES: '2' }, /BOOKING_MEETING_MINUTES/],
    [{ BOOKING_CALENDAR: 'caldav', BOOKING_CALENDARS: 'M=https://d/m/', BOOKING_CALDAV_USERNAME: 'u', BOOKING_CALDAV_PASSWORD: 'p', BOOKING_HOURS: 'mon 18:00-09:00' }, /BOOKING_HOURS/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadBookingConfig(env as Record<string, string>, business)).toThrow(message);
  });
});
