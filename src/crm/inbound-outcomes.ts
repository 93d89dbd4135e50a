import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { rawBodyOf } from '../channels/slack/raw-body.js';
import type { Logger } from '../logger.js';
import type { Database } from '../storage/ports/database.js';
import { CRM_OUTCOME_KINDS } from '../storage/ports/feedback.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature.js';

export const CRM_OUTCOMES_PATH = '/api/crm/outcomes';
/** A request signed longer ago than this (or this far in the future) is refused: a captured request cannot be replayed later. */
export const MAX_CLOCK_SKEW_S = 300;

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

/** One event the CRM reports about a lead; `eventId` is the CRM's own id (idempotency key). */
export const crmOutcomeEventSchema = z
  .object({
    eventId: z.string().trim().min(1).max(200),
    leadId: z.string().trim().min(1).max(200),
    type: z.enum(CRM_OUTCOME_KINDS),
    occurredAt: isoDate,
    amount: z.number().nonnegative().finite().optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR').optional(),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((event) => event.type === 'won' || event.amount === undefined, { message: 'amount goes with "won" only', path: ['amount'] });

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`: like the outbound webhook's signature, but the
 * timestamp is signed too, so an old request cannot be sent again with a fresh timestamp.
 */
export function signInbound(rawBody: string | Buffer, timestamp: number | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

export interface CrmOutcomeRouteOptions {
  db: Pick<Database, 'leads' | 'feedback'>;
  secret: string;
  logger: Logger;
  now?: () => Date;
}

/**
 * `POST /api/crm/outcomes`: what the CRM reports later (meeting held, opportunity created, won with an
 * amount, lost with a reason). Signed, fresh, about a known lead, well formed, or refused with a 4xx and
 * nothing written; a repeated event id answers 200 `{duplicate: true}` and is counted once.
 */
export function mountCrmOutcomes(server: Server, options: CrmOutcomeRouteOptions): void {
  const now = options.now ?? (() => new Date());
  server.post(CRM_OUTCOMES_PATH, async (req: Request, res: Response) => {
    const refuse = (status: number, error: string, message: string) => {
      res.header('cache-control', 'no-store');
      res.json(status, { error, message });
    };
    try {
      const raw = rawBodyOf(req);
      const timestamp = header(req, TIMESTAMP_HEADER);
      const signature = header(req, SIGNATURE_HEADER);
      if (!timestamp || !signature) return refuse(401, 'unsigned', `${SIGNATURE_HEADER} and ${TIMESTAMP_HEADER} are required`);
      if (!/^\d{1,12}$/.test(timestamp)) return refuse(401, 'bad_timestamp', `${TIMESTAMP_HEADER} must be Unix seconds`);
      if (!sameSignature(signInbound(raw, timestamp, options.secret), signature)) return refuse(401, 'bad_signature', 'The signature does not match the body');
      if (Math.abs(now().getTime() / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_S) return refuse(401, 'stale', `The timestamp is more than ${MAX_CLOCK_SKEW_S} s away from now`);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return refuse(400, 'malformed', 'The body is not JSON');
      }
      const parsed = crmOutcomeEventSchema.safeParse(body);
      if (!parsed.success) {
        return refuse(400, 'malformed', parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; '));
      }
      const event = parsed.data;
      if (!(await options.db.leads.get(event.leadId))) return refuse(404, 'unknown_lead', `No lead ${event.leadId}`);
      const { created } = await options.db.feedback.recordOutcome(
        {
          eventId: event.eventId,
          leadId: event.leadId,
          kind: event.type,
          occurredAt: new Date(event.occurredAt).toISOString(),
          ...(event.amount !== undefined ? { amount: event.amount } : {}),
          ...(event.currency ? { currency: event.currency } : {}),
          ...(event.reason ? { reason: event.reason } : {}),
        },
        now(),
      );
      options.logger.info({ leadId: event.leadId, eventId: event.eventId, kind: event.type, created }, 'crm outcome received');
      res.header('cache-control', 'no-store');
      res.json(created ? 201 : 200, { eventId: event.eventId, duplicate: !created });
    } catch (error) {
      options.logger.error({ err: error }, 'crm outcome: unexpected error');
      refuse(500, 'internal', 'Unexpected error');
    }
  });
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value.trim() : undefined;
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
