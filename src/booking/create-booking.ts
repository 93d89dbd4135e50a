import type { Logger } from '../logger.js';
import type { ConversationLock } from '../storage/ports/conversation-lock.js';
import type { BookingConfig } from './booking-config.js';
import { BookingService, type PooledCalendar } from './booking-service.js';
import { CalDavCalendar } from './caldav-calendar.js';
import { GraphCalendar } from './graph-calendar.js';
import { GraphTokenSource } from './graph-token-source.js';

/** The booking service over the configured calendars (CalDAV or Microsoft Graph). */
export function createBooking(config: BookingConfig, deps: { lock: ConversationLock; logger: Logger; now?: () => Date }): BookingService {
  return new BookingService({
    provider: config.provider,
    calendars: createCalendars(config),
    rules: {
      hours: config.hours,
      timeZone: config.timeZone,
      meetingMinutes: config.meetingMinutes,
      bufferMinutes: config.bufferMinutes,
      minNoticeMinutes: config.minNoticeMinutes,
      horizonDays: config.horizonDays,
      slotStepMinutes: config.slotStepMinutes,
    },
    ...(config.joinUrl ? { joinUrl: config.joinUrl } : {}),
    lock: deps.lock,
    logger: deps.logger,
    now: deps.now ?? (() => new Date()),
  });
}

function createCalendars(config: BookingConfig): PooledCalendar[] {
  if (config.provider === 'caldav') {
    const { username, password } = config.caldav!;
    return config.calendars.map(({ name, ref }) => ({ name, key: ref, port: new CalDavCalendar({ url: ref, username, password, timeoutMs: config.timeoutMs }) }));
  }
  const graph = config.graph!;
  // One app-only token for every calendar of the pool.
  const tokens = new GraphTokenSource({ tokenUrl: graph.tokenUrl, clientId: graph.clientId, clientSecret: graph.clientSecret, scope: `${new URL(graph.apiUrl).origin}/.default`, timeoutMs: config.timeoutMs });
  return config.calendars.map(({ name, ref }) => ({ name, key: `graph:${ref}`, port: new GraphCalendar({ apiUrl: graph.apiUrl, user: ref, tokens, timeoutMs: config.timeoutMs }) }));
}
