import type { OpeningWindow } from './business-hours.js';

/** Human handoff settings (`HANDOFF_ASSIGNMENT_TIMEOUT_S`, `BUSINESS_HOURS`, `TIMEZONE`, `BOOKING_URL`, `SDR_TOKEN_SECRET`). */
export interface HandoffConfig {
  /** How long a queued handoff waits for an SDR before the visitor is offered a booking link or a callback. */
  assignmentTimeoutS: number;
  /** When SDRs work; empty = always. */
  businessHours: OpeningWindow[];
  /** IANA time zone the business hours are read in. */
  timeZone: string;
  /** Calendar booking page (Cal.com, Calendly…) offered when nobody can join. */
  bookingUrl?: string;
  /** Signs SDR session tokens; every instance must share it. */
  tokenSecret: string;
  /** YAML file of the console's canned replies (CANNED_REPLIES); default: dialogs/console/canned-replies.yaml. */
  cannedRepliesFile?: string;
  /** How often queued handoffs are checked for the timeout (default: a quarter of the timeout, 1–5 s). */
  sweepIntervalMs?: number;
  /** Deadline of one send to a visitor's channel or an SDR notifier (default 5 s). */
  deliveryTimeoutMs?: number;
  /** Pauses before a refused no-SDR notice is tried again (default 2 s, then 10 s); then the visitor is unreachable. */
  noticeRetryDelaysMs?: number[];
}

/** Sweep often enough that the timeout fires within a few seconds of its due time. */
export function sweepIntervalFor(config: HandoffConfig): number {
  return config.sweepIntervalMs ?? Math.min(5000, Math.max(1000, (config.assignmentTimeoutS * 1000) / 4));
}
