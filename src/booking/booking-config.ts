import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { isTimeZone, parseBusinessHours, type OpeningWindow } from '../handoff/business-hours.js';
import type { SlotRules } from './slots.js';

/** One bookable calendar: whose it is (shown to the visitor and the SDRs) and where it lives. */
export interface CalendarRef {
  /** Display name, e.g. `Marie — Sales`. */
  name: string;
  /** CalDAV: the calendar collection URL; Graph: the user's id or user principal name. */
  ref: string;
}

/**
 * In-chat booking settings (`BOOKING_*`); absent when `BOOKING_CALENDAR` is empty. The slot rules are read in
 * `timeZone` from BOOKING_HOURS, else BUSINESS_HOURS, else mon-fri 09:00-18:00.
 */
export interface BookingConfig extends SlotRules {
  provider: 'caldav' | 'graph';
  /** One calendar per SDR; several make a round-robin pool. */
  calendars: CalendarRef[];
  caldav?: { username: string; password: string };
  graph?: { tenantId: string; clientId: string; clientSecret: string; apiUrl: string; tokenUrl: string };
  /** A fixed video-room link written on every event (Graph without it asks for a Teams meeting). */
  joinUrl?: string;
  /** Deadline of one calendar call. */
  timeoutMs: number;
}

const blankAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const int = (fallback: number, min: number, max: number) => z.preprocess(blankAsUndefined, z.coerce.number().int().min(min).max(max).default(fallback));
const optional = z.preprocess(blankAsUndefined, z.string().optional());

const bookingEnvSchema = z.object({
  BOOKING_CALENDAR: z.preprocess(blankAsUndefined, z.enum(['caldav', 'graph']).optional()),
  BOOKING_CALENDARS: optional,
  BOOKING_CALDAV_USERNAME: optional,
  BOOKING_CALDAV_PASSWORD: optional,
  BOOKING_GRAPH_TENANT_ID: optional,
  BOOKING_GRAPH_CLIENT_ID: optional,
  BOOKING_GRAPH_CLIENT_SECRET: optional,
  BOOKING_GRAPH_URL: z.preprocess(blankAsUndefined, z.url({ protocol: /^https?$/ }).default('https://graph.microsoft.com/v1.0/')),
  BOOKING_GRAPH_TOKEN_URL: z.preprocess(blankAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  BOOKING_HOURS: optional,
  BOOKING_MEETING_MINUTES: int(30, 5, 480),
  BOOKING_BUFFER_MINUTES: int(10, 0, 240),
  BOOKING_MIN_NOTICE_MINUTES: int(120, 0, 60 * 24 * 14),
  BOOKING_HORIZON_DAYS: int(14, 1, 90),
  BOOKING_SLOT_STEP_MINUTES: int(30, 5, 240),
  BOOKING_JOIN_URL: z.preprocess(blankAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  BOOKING_TIMEOUT_MS: int(8000, 100, 60_000),
});

export const BOOKING_ENV_VARIABLES: readonly string[] = Object.keys(bookingEnvSchema.shape);

const DEFAULT_HOURS = 'mon-fri 09:00-18:00';

/**
 * Reads the booking settings. `business` is what the handoff already parsed (BUSINESS_HOURS, TIMEZONE): the
 * meeting hours default to them. A half-configured calendar stops start-up naming the missing variable.
 */
export function loadBookingConfig(env: Record<string, string | undefined>, business: { hours: OpeningWindow[]; timeZone: string }): BookingConfig | undefined {
  const parsed = bookingEnvSchema.safeParse(env);
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (!parsed.success) throw new ConfigError(`Invalid booking configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  const e = parsed.data;
  if (!e.BOOKING_CALENDAR) return undefined;
  const fail = (message: string): never => {
    throw new ConfigError(`Invalid booking configuration: ${message}`);
  };
  const calendars = parseCalendars(e.BOOKING_CALENDARS ?? '', e.BOOKING_CALENDAR, fail);
  let hours: OpeningWindow[];
  try {
    hours = e.BOOKING_HOURS ? parseBusinessHours(e.BOOKING_HOURS) : business.hours.length ? business.hours : parseBusinessHours(DEFAULT_HOURS);
  } catch (error) {
    return fail(`BOOKING_HOURS: ${(error as Error).message}`);
  }
  if (hours.length === 0) hours = parseBusinessHours(DEFAULT_HOURS);
  if (!isTimeZone(business.timeZone)) fail(`TIMEZONE ${business.timeZone} is not an IANA time zone`);
  const common = {
    calendars,
    hours,
    timeZone: business.timeZone,
    meetingMinutes: e.BOOKING_MEETING_MINUTES,
    bufferMinutes: e.BOOKING_BUFFER_MINUTES,
    minNoticeMinutes: e.BOOKING_MIN_NOTICE_MINUTES,
    horizonDays: e.BOOKING_HORIZON_DAYS,
    slotStepMinutes: e.BOOKING_SLOT_STEP_MINUTES,
    timeoutMs: e.BOOKING_TIMEOUT_MS,
    ...(e.BOOKING_JOIN_URL ? { joinUrl: e.BOOKING_JOIN_URL } : {}),
  };
  if (e.BOOKING_CALENDAR === 'caldav') {
    if (!e.BOOKING_CALDAV_USERNAME || e.BOOKING_CALDAV_PASSWORD === undefined) fail('BOOKING_CALDAV_USERNAME and BOOKING_CALDAV_PASSWORD are required with BOOKING_CALENDAR=caldav');
    return { provider: 'caldav', ...common, caldav: { username: e.BOOKING_CALDAV_USERNAME!, password: e.BOOKING_CALDAV_PASSWORD! } };
  }
  const missing = (['BOOKING_GRAPH_TENANT_ID', 'BOOKING_GRAPH_CLIENT_ID', 'BOOKING_GRAPH_CLIENT_SECRET'] as const).filter((name) => !e[name]);
  if (missing.length) fail(`${missing.join(', ')} required with BOOKING_CALENDAR=graph`);
  const tenantId = e.BOOKING_GRAPH_TENANT_ID!;
  return {
    provider: 'graph',
    ...common,
    graph: {
      tenantId,
      clientId: e.BOOKING_GRAPH_CLIENT_ID!,
      clientSecret: e.BOOKING_GRAPH_CLIENT_SECRET!,
      apiUrl: e.BOOKING_GRAPH_URL.endsWith('/') ? e.BOOKING_GRAPH_URL : `${e.BOOKING_GRAPH_URL}/`,
      tokenUrl: e.BOOKING_GRAPH_TOKEN_URL ?? `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
    },
  };
}

/** `Marie — Sales=https://dav.example/marie/calendar/, Paul=https://…` (CalDAV) or `Marie=marie@contoso.com` (Graph). */
function parseCalendars(text: string, provider: 'caldav' | 'graph', fail: (message: string) => never): CalendarRef[] {
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) fail('BOOKING_CALENDARS is required: "Name=calendar" entries, comma-separated');
  return entries.map((entry) => {
    const at = entry.indexOf('=');
    const name = entry.slice(0, at).trim();
    const ref = entry.slice(at + 1).trim();
    if (at <= 0 || !name || !ref) fail(`BOOKING_CALENDARS: "${entry}" is not "Name=calendar"`);
    if (provider === 'caldav' && !/^https?:\/\/\S+$/.test(ref)) fail(`BOOKING_CALENDARS: "${ref}" is not a CalDAV calendar URL`);
    return { name, ref };
  });
}
