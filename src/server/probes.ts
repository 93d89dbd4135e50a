import { createHash, timingSafeEqual } from 'node:crypto';
import type { Next, Request, Response, Server } from 'restify';
import type { Metrics } from '../observability/metrics.js';
import type { Playbook } from '../playbook/schema.js';
import type { Database } from '../storage/index.js';
import type { Drain } from './drain.js';

/**
 * A dependency that can say whether it works right now (LLM breaker, CRM outbox...).
 * `degraded`: it fails, but the bot still serves without it (200, `status: "degraded"`).
 */
export type ReadinessCheck = () => Promise<ReadinessResult>;
/** One check's answer on /readyz: `ok: false` makes it 503; `degraded` only changes the status text. */
export type ReadinessResult = { ok: boolean; degraded?: boolean; detail?: unknown };

/**
 * `/healthz`: the process is alive (never touches dependencies, so a slow database does not get us killed).
 * `/readyz`: every dependency answers; 503 with the failing one named otherwise; 200 `degraded` when
 *   only optional ones (LLM, CRM) fail.
 * `/metrics`: Prometheus text format.
 * `/readyz` and `/metrics` tell about the inside (dependencies, traffic): with `token` they answer only
 * `Authorization: Bearer <token>`; with `operationsServer` they live there (a port the public never reaches)
 * instead of on the public server. `/healthz` stays public: it says nothing but "alive".
 */
export function mountProbes(
  server: Server,
  options: {
    db: Database;
    metrics: Metrics;
    playbook: Playbook;
    extractorName: string;
    drain?: Pick<Drain, 'isDraining'>;
    checks?: Record<string, ReadinessCheck>;
    /** METRICS_TOKEN. */
    token?: string;
    /** The METRICS_HOST/METRICS_PORT listener. */
    operationsServer?: Server;
  },
): void {
  const { db, metrics, playbook } = options;
  const operations = options.operationsServer ?? server;
  const guard = requireToken(options.token);
  server.get('/healthz', async (_req, res) => {
    // Alive while draining too (a liveness probe must not kill a process finishing its turns): the status says so.
    res.json({ status: options.drain?.isDraining ? 'stopping' : 'ok', playbook: `${playbook.id}@${playbook.version}`, extractor: options.extractorName });
  });
  operations.get('/readyz', guard, async (_req: Request, res: Response) => {
    if (options.drain?.isDraining) {
      res.send(503, { status: 'not_ready', checks: { shutdown: { ok: false, detail: 'draining' } } });
      return;
    }
    const checks: Record<string, ReadinessCheck> = {
      database: async () => {
        await db.ping();
        return { ok: true, detail: db.engine };
      },
      ...options.checks,
    };
    const results: Record<string, ReadinessResult> = {};
    for (const [name, check] of Object.entries(checks)) {
      results[name] = await withTimeout(check(), 2000).catch((error: unknown) => ({ ok: false, detail: failureCode(error) }));
    }
    const ready = Object.values(results).every((result) => result.ok);
    const degraded = Object.values(results).some((result) => result.degraded);
    res.send(ready ? 200 : 503, { status: ready ? (degraded ? 'degraded' : 'ready') : 'not_ready', checks: results });
  });
  operations.get('/metrics', guard, async (_req: Request, res: Response) => {
    const body = await metrics.registry.metrics();
    res.setHeader('content-type', metrics.registry.contentType);
    res.sendRaw(200, body);
  });
}

/** Lets the request through only with the bearer token (compared in constant time); no token configured = open. */
function requireToken(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(token);
  return (req: Request, res: Response, next: Next): void => {
    if (expected === undefined) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (match && timingSafeEqual(digest(match[1]!), expected)) return next();
    res.setHeader('www-authenticate', 'Bearer realm="qualibot-operations"');
    res.send(401, { error: { code: 'unauthorized', message: 'This endpoint needs Authorization: Bearer <METRICS_TOKEN>.' } });
    return next(false);
  };
}

/** Equal-length values for timingSafeEqual, whatever the length of what was sent. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** A short reason: /readyz may be public (no METRICS_TOKEN or METRICS_PORT), so no host, port or driver message leaves. */
function failureCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/i.test(code)) return code;
  return error instanceof Error && error.message.startsWith('no answer in') ? 'timeout' : 'unavailable';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}
