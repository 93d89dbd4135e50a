import type { Request, Response, Server } from 'restify';
import { AppError, BadRequestError, ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SdrRecord } from '../storage/ports/sdrs.js';
import { parseInsightsFilter } from './insights-filter.js';
import { CHART_IDS, type ChartId, type InsightsService } from './insights-service.js';

export interface InsightsApiDeps {
  service: InsightsService;
  /** The account behind the request's bearer token, if any. */
  authenticate(req: Request): Promise<SdrRecord | undefined>;
  filterOptions(period: { from: Date; to: Date }): Promise<Record<string, string[]>>;
  /** The what-if of a candidate playbook (YAML text) over the leads of a period: throws ConfigError when it is invalid. */
  whatIf(candidateYaml: string, scope: { since: Date; until: Date; channel?: string }): Promise<unknown>;
  /** `qualibot calibrate` over the verdicts since a date: the evidence, and the candidate playbook (YAML) when there is one. */
  calibrate(since: Date): Promise<unknown>;
  logger: Logger;
  now: () => Date;
}

/** Who may read the insights. */
const INSIGHTS_ROLES = new Set(['admin', 'manager']);

/**
 * `GET /api/insights` (every chart, labels and the filter's options), `GET /api/insights/<chart>` (one chart, `versions`
 * included), `GET /api/insights/calibrate` (suggested thresholds and the candidate playbook), `POST /api/insights/whatif`,
 * JSON for the page and for BI tools. Query: from, to (YYYY-MM-DD, inclusive), playbookVersion, channel, locale, utmSource.
 * Bearer token of an account with the `admin` or `manager` role; 401 without one, 403 for a plain SDR.
 */
export function mountInsightsApi(server: Server, deps: InsightsApiDeps): void {
  const guarded = (handler: (req: Request) => Promise<unknown>) => async (req: Request, res: Response) => {
    res.header('cache-control', 'no-store');
    try {
      const account = await deps.authenticate(req);
      if (!account) res.json(401, { error: 'unauthorized', message: 'A valid bearer token is required' });
      else if (!account.roles.some((role) => INSIGHTS_ROLES.has(role))) res.json(403, { error: 'forbidden', message: 'The insights need the admin or manager role' });
      else res.json(200, await handler(req));
    } catch (error) {
      if (error instanceof AppError && error instanceof BadRequestError && error.status < 500) {
        res.json(error.status, { error: error.code, message: error.message });
        return;
      }
      deps.logger.error({ err: error }, 'insights api: unexpected error');
      res.json(500, { error: 'internal', message: 'Unexpected error' });
    }
  };
  const filterOf = (req: Request) => parseInsightsFilter(new URL(req.url ?? '/', 'http://localhost').searchParams, deps.now());

  server.get(
    '/api/insights',
    guarded(async (req) => {
      const filter = filterOf(req);
      return { ...(await deps.service.all(filter)), labels: deps.service.labels(), options: await deps.filterOptions(filter) };
    }),
  );
  // A candidate playbook, pasted or uploaded: checked with the start-up errors, replayed, never deployed.
  server.post(
    '/api/insights/whatif',
    guarded(async (req) => {
      const candidate = (req.body as { playbook?: unknown } | undefined)?.playbook;
      if (typeof candidate !== 'string' || !candidate.trim()) throw new BadRequestError('Send {"playbook": "<the candidate playbook as YAML>"}', 400, 'invalid_playbook');
      const filter = filterOf(req);
      try {
        return await deps.whatIf(candidate, { since: filter.from, until: filter.to, ...(filter.channel ? { channel: filter.channel } : {}) });
      } catch (error) {
        if (error instanceof ConfigError) throw new BadRequestError(error.message, 400, 'invalid_playbook');
        throw error;
      }
    }),
  );
  // Suggestions only: the candidate comes back as text to download; the running playbook is never written.
  server.get(
    '/api/insights/calibrate',
    guarded(async (req) => deps.calibrate(filterOf(req).from)),
  );
  server.get(
    '/api/insights/:chart',
    guarded(async (req) => {
      const id = String((req.params as Record<string, unknown>).chart ?? '');
      if (!(CHART_IDS as readonly string[]).includes(id)) throw new BadRequestError(`Unknown chart "${id}" (charts: ${CHART_IDS.join(', ')})`, 404, 'not_found');
      return deps.service.chart(id as ChartId, filterOf(req));
    }),
  );
}
