import type { Next, Request, Response } from 'restify';
import { clientIp } from './client-ip.js';
import type { RouteKey } from './rate-limit-doors.js';
import type { KeyedRateLimiter } from './rate-limits.js';

/**
 * A restify `use` handler, installed before the body parser: requests to one of `routes` beyond the
 * per-IP limit (one budget per IP across them) get a 429 with Retry-After before their body is even
 * read (a flood must cost us as little as possible). Matched on the route restify chose, so
 * `/%61pi/messages` counts the same as `/api/messages`.
 */
export function ipRateLimit(options: { routes: readonly RouteKey[]; limiter: KeyedRateLimiter; trustedHops: number; onRefused?: () => void }) {
  const { routes, limiter, trustedHops, onRefused } = options;
  return (req: Request, res: Response, next: Next): void => {
    if (!limiter.enabled || !routes.some((route) => isRoute(req, route.method, route.path))) return next();
    // take() never rejects (a failing store lets the request in), so next is always called once.
    void limiter.take(clientIp(req, trustedHops)).then((decision) => {
      if (decision.allowed) return next();
      onRefused?.();
      sendTooManyRequests(res, decision.retryAfterMs, 'Too many requests from this address: slow down and retry later.');
      return next(false);
    });
  };
}

/** 429 in our error shape, with Retry-After in whole seconds (at least 1). */
export function sendTooManyRequests(res: Response, retryAfterMs: number, message: string): void {
  res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  res.send(429, { error: { code: 'rate_limited', message } });
}

/** True when restify routed this request to `method path` (routing happens before `use` handlers). */
export function isRoute(req: Request, method: string, path: string): boolean {
  const route = req.getRoute() as { path?: unknown; method?: unknown } | undefined;
  return route?.method === method && route.path === path;
}
