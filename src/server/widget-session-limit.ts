import type { Next, Request, Response } from 'restify';
import { isOriginAllowed } from '../channels/widget/origin-policy.js';
import { clientIp } from './client-ip.js';
import { isRoute, sendTooManyRequests } from './ip-rate-limit.js';
import type { KeyedRateLimiter } from './rate-limits.js';

export const WIDGET_SESSION_PATH = '/api/widget/session';

/**
 * A restify `use` handler (after the body parser) for `POST /api/widget/session`: opening a NEW
 * widget conversation counts against the client IP's hourly budget; a request carrying a valid
 * visitor token (reload, second tab, reconnect) resumes and is never counted nor refused, so a
 * visitor already chatting is not cut off by someone else on the same network.
 */
export function widgetSessionLimit(options: {
  limiter: KeyedRateLimiter;
  trustedHops: number;
  /** True when the token would resume a conversation (the widget's own token check). */
  isValidVisitorToken: (token: unknown) => boolean;
  /** The widget's ALLOWED_ORIGINS: an embedding site must be able to read the 429. */
  allowedOrigins: readonly string[];
  onRefused?: () => void;
}) {
  const { limiter, trustedHops, isValidVisitorToken, allowedOrigins, onRefused } = options;
  return (req: Request, res: Response, next: Next): void => {
    if (!limiter.enabled || !isRoute(req, 'POST', WIDGET_SESSION_PATH)) return next();
    if (isValidVisitorToken(visitorTokenOf(req.body))) return next();
    // take() never rejects (a failing store lets the request in), so next is always called once.
    void limiter.take(clientIp(req, trustedHops)).then((decision) => {
      if (decision.allowed) return next();
      onRefused?.();
      const origin = req.headers.origin;
      if (origin && isOriginAllowed(origin, req.headers.host, allowedOrigins)) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Vary', 'Origin');
      }
      sendTooManyRequests(res, decision.retryAfterMs, 'Too many new conversations from this address: please try again later.');
      return next(false);
    });
  };
}

function visitorTokenOf(body: unknown): unknown {
  let value = body;
  if (Buffer.isBuffer(value)) value = value.toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value && typeof value === 'object' ? (value as { visitorToken?: unknown }).visitorToken : undefined;
}
