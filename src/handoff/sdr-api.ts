import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { AppError, BadRequestError } from '../errors.js';
import { verdictDetailsSchema } from '../feedback/verdict-input.js';
import type { Logger } from '../logger.js';
import { clientIp } from '../server/client-ip.js';
import type { Database } from '../storage/ports/database.js';
import type { CannedReplies } from './canned-replies.js';
import type { HandoffService } from './handoff-service.js';
import { CLOSE_OUTCOMES, type SdrIdentity } from './handoff-state-machine.js';
import { LoginThrottle } from './login-throttle.js';
import { DECOY_HASH, verifyPassword } from './password-hash.js';
import { QUEUE_VIEWS, toSummary, type QueueView } from './queue-view.js';
import type { SdrTokens } from './sdr-tokens.js';
import type { SseHub } from './sse-hub.js';

export interface SdrApiDeps {
  db: Pick<Database, 'sdrs'>;
  service: HandoffService;
  tokens: SdrTokens;
  hub: SseHub;
  logger: Logger;
  now: () => Date;
  login?: LoginDefenceOptions;
  /** The console's canned replies per visitor language (CANNED_REPLIES). */
  cannedReplies?: CannedReplies;
}

/** How the login route finds the client and reports attacks (see README, "Abuse limits"). */
export interface LoginDefenceOptions {
  /** Reverse proxies whose X-Forwarded-For is trusted (TRUST_PROXY_HOPS), as for every other per-IP limit. */
  trustedHops?: number;
  throttle?: LoginThrottle;
  /** A wrong email or password (metrics). */
  onFailure?: (reason: LoginFailureReason) => void;
  /** An attempt refused with 429 (metrics). */
  onThrottled?: () => void;
}

export type LoginFailureReason = 'unknown_account' | 'wrong_password';

const loginBody = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) });
const messageBody = z.object({ text: z.string().trim().min(1, 'text must not be empty').max(4000) });
const noteBody = z.object({ text: z.string().trim().min(1, 'text must not be empty').max(2000) });
const closeBody = verdictDetailsSchema.extend({ outcome: z.enum(CLOSE_OUTCOMES), reason: z.string().trim().max(1000).optional() });
const listQuery = z.object({ status: z.enum(Object.keys(QUEUE_VIEWS) as [QueueView, ...QueueView[]]).default('queued') });

type AuthedHandler = (req: Request, res: Response, sdr: SdrIdentity) => Promise<unknown>;

/**
 * The SDR REST API (JSON, `Authorization: Bearer <token>`) and its Server-Sent Events stream.
 * Errors are `{error, message}` with 400 (malformed), 401, 403, 404, 409 or 429.
 */
export function mountSdrApi(server: Server, deps: SdrApiDeps): void {
  const login = deps.login ?? {};
  const throttle = login.throttle ?? new LoginThrottle();

  const authenticate = async (token: string | undefined): Promise<SdrIdentity | undefined> => {
    const claims = deps.tokens.verify(token);
    if (!claims) return undefined;
    // Checked on every call: removing an SDR account ends its sessions at once.
    const sdr = await deps.db.sdrs.get(claims.sdrId);
    return sdr ? { id: sdr.id, name: sdr.name } : undefined;
  };

  const authed =
    (handler: AuthedHandler) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        const sdr = await authenticate(bearerToken(req));
        if (!sdr) return sendError(res, 401, 'unauthorized', 'A valid bearer token is required');
        const body = await handler(req, res, sdr);
        if (body !== undefined) sendJson(res, 200, body);
      } catch (error) {
        handleError(res, error, deps.logger);
      }
    };

  server.post('/api/sdr/login', async (req: Request, res: Response) => {
    try {
      const { email, password } = parse(loginBody, req.body);
      const account = email.toLowerCase();
      const address = clientIp(req, login.trustedHops ?? 0);
      const gate = throttle.check(account, address);
      if (gate.retryAfterMs > 0) {
        login.onThrottled?.();
        deps.logger.warn({ client: pseudonym(address), refusedBy: gate.refusedBy, retryAfterMs: gate.retryAfterMs }, 'sdr login throttled');
        res.header('retry-after', String(Math.ceil(gate.retryAfterMs / 1000)));
        return sendError(res, 429, 'too_many_attempts', 'Too many failed attempts, try again later');
      }
      if (gate.delayMs > 0) await sleep(gate.delayMs);
      const sdr = await deps.db.sdrs.findByEmail(email);
      const valid = await verifyPassword(password, sdr?.passwordHash ?? DECOY_HASH);
      if (!sdr || !valid) {
        throttle.fail(account, address);
        const reason: LoginFailureReason = sdr ? 'wrong_password' : 'unknown_account';
        login.onFailure?.(reason);
        // Never the password nor the email; the account id when there is one.
        deps.logger.warn({ client: pseudonym(address), reason, ...(sdr ? { sdrId: sdr.id } : {}) }, 'sdr login failed');
        return sendError(res, 401, 'invalid_credentials', 'Wrong email or password');
      }
      throttle.succeed(account, address);
      const { token, expiresAt } = deps.tokens.issue(sdr.id);
      deps.logger.info({ sdrId: sdr.id }, 'sdr logged in');
      sendJson(res, 200, { token, expiresAt, sdr: { id: sdr.id, name: sdr.name } });
    } catch (error) {
      handleError(res, error, deps.logger);
    }
  });

  server.get(
    '/api/sdr/me',
    authed(async (_req, _res, sdr) => ({ sdr, roles: (await deps.db.sdrs.get(sdr.id))?.roles ?? [] })),
  );

  // What the close dialog offers: the playbook's rejection reasons (FR/EN) and its dimensions with their levels.
  server.get(
    '/api/sdr/feedback-options',
    authed(async () => ({
      rejectionReasons: deps.service.rejectionReasons,
      dimensions: deps.service.dimensions.map((dimension) => ({ id: dimension.id, description: dimension.description, levels: dimension.levels.map((level) => ({ id: level.id, description: level.description })) })),
    })),
  );

  server.get(
    '/api/sdr/handoffs',
    authed(async (req) => {
      const { status } = parse(listQuery, Object.fromEntries(queryOf(req)));
      return deps.service.list(status);
    }),
  );

  server.get('/api/sdr/handoffs/:id', authed(async (req) => deps.service.detail(idOf(req))));

  server.post(
    '/api/sdr/handoffs/:id/claim',
    authed(async (req, _res, sdr) => toSummary(await deps.service.claim(idOf(req), sdr), deps.now())),
  );

  server.post(
    '/api/sdr/handoffs/:id/messages',
    authed(async (req, _res, sdr) => {
      const id = idOf(req);
      const { text } = parse(messageBody, req.body);
      return deps.service.postSdrMessage(id, sdr, text);
    }),
  );

  // Internal notes: any SDR may write one on any lead; they are for the team only.
  server.post(
    '/api/sdr/handoffs/:id/notes',
    authed(async (req, _res, sdr) => {
      const { text } = parse(noteBody, req.body);
      return deps.service.addNote(idOf(req), sdr, text);
    }),
  );

  server.get('/api/sdr/canned-replies', authed(async () => deps.cannedReplies ?? { fr: [], en: [] }));

  server.post(
    '/api/sdr/handoffs/:id/typing',
    authed(async (req, _res, sdr) => {
      await deps.service.sdrTyping(idOf(req), sdr);
      return { ok: true };
    }),
  );

  server.post(
    '/api/sdr/handoffs/:id/release',
    authed(async (req, _res, sdr) => toSummary(await deps.service.release(idOf(req), sdr), deps.now())),
  );

  server.post(
    '/api/sdr/handoffs/:id/close',
    authed(async (req, _res, sdr) => {
      const id = idOf(req);
      const { outcome, reason, ...details } = parse(closeBody, req.body);
      return toSummary(await deps.service.close(id, sdr, outcome, reason || undefined, { details, via: 'console' }), deps.now());
    }),
  );

  // EventSource cannot send headers: here, and only here, the token may come in the query string.
  server.get('/api/sdr/stream', async (req: Request, res: Response) => {
    try {
      const sdr = await authenticate(queryOf(req).get('token') ?? bearerToken(req));
      if (!sdr) return sendError(res, 401, 'unauthorized', 'A valid token is required');
      await deps.hub.open(req, res);
    } catch (error) {
      if (!res.headersSent) handleError(res, error, deps.logger);
    }
  });
}

/**
 * The logs mask addresses as personal data; a short hash still tells attempts from one client apart
 * (compare it with `echo -n 203.0.113.7 | sha256sum | cut -c1-16`).
 */
function pseudonym(address: string): string {
  return createHash('sha256').update(address).digest('hex').slice(0, 16);
}

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function queryOf(req: Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

function idOf(req: Request): string {
  return String((req.params as Record<string, unknown>).id ?? '');
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const message = result.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
  throw new BadRequestError(message);
}

function sendJson(res: Response, status: number, body: unknown): void {
  res.header('cache-control', 'no-store');
  res.json(status, body);
}

function sendError(res: Response, status: number, error: string, message: string): void {
  sendJson(res, status, { error, message });
}

function handleError(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof AppError) {
    const status = error instanceof BadRequestError ? error.status : 500;
    if (status < 500) return sendError(res, status, error.code, error.message);
  }
  logger.error({ err: error }, 'sdr api: unexpected error');
  sendError(res, 500, 'internal', 'Unexpected error');
}
