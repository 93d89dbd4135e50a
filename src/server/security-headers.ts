import type { Next, Request, Response, Server } from 'restify';

/**
 * What every response of this server may do in a browser, unless its route says more:
 * nothing (`default-src 'none'`), inside no frame, with no content-type guessing and no referrer.
 * JSON, probes, errors and scripts keep these; the HTML pages set their own policy (the demo pages in
 * widget-routes.ts, the SDR console in console-route.ts).
 */
export const DEFAULT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** `Strict-Transport-Security` sent when the public address is https (one year, subdomains included). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** Sets the baseline headers before any route runs, so 404s, 429s and restify's own errors carry them too. */
export function installSecurityHeaders(server: Server, options: { https: boolean }): void {
  server.pre((_req: Request, res: Response, next: Next) => {
    res.setHeader('Content-Security-Policy', DEFAULT_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // Only when we know the public address is https: behind a plain-http test or tunnel it would lock browsers out.
    if (options.https) res.setHeader('Strict-Transport-Security', HSTS);
    return next();
  });
}
