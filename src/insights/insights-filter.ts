import { z } from 'zod';
import { BadRequestError } from '../errors.js';
import type { InsightsFilter } from '../storage/ports/insights.js';

const DAY_MS = 86_400_000;
/** Without `from`, the page shows the last 30 days. */
export const DEFAULT_PERIOD_DAYS = 30;
const MAX_PERIOD_DAYS = 3 * 366;

const day = z.iso.date({ message: 'expected a date such as 2026-01-31' });
const value = z.string().trim().min(1).max(100).optional();

const querySchema = z
  .object({
    from: day.optional(),
    /** Inclusive: `to=2026-01-31` covers that whole day. */
    to: day.optional(),
    playbookVersion: value,
    channel: value,
    locale: value,
    utmSource: value,
  })
  .strict();

/** The filter of an insights request (query string), or a 400 saying what is wrong. */
export function parseInsightsFilter(query: URLSearchParams, now: Date): InsightsFilter {
  const raw = Object.fromEntries([...query.entries()].filter(([key, text]) => key !== 'format' && text !== ''));
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) throw new BadRequestError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(query)'}: ${issue.message}`).join('; '));
  const { from, to, ...equal } = parsed.data;
  const end = to ? new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS);
  const start = from ? new Date(`${from}T00:00:00Z`) : new Date(end.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
  if (start >= end) throw new BadRequestError('from must be on or before to');
  if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * DAY_MS) throw new BadRequestError(`the period may cover at most ${MAX_PERIOD_DAYS} days`);
  const filter: InsightsFilter = { from: start, to: end };
  for (const [key, text] of Object.entries(equal) as Array<[keyof typeof equal, string | undefined]>) if (text) filter[key] = text;
  return filter;
}
