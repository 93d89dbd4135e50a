import restify from 'restify';
import { WidgetTokens } from '../channels/widget/widget-tokens.js';
import type { Config } from '../config.js';
import type { AbuseGuards } from './abuse-guards.js';
import { refuseTurnsWhileDraining, type Drain } from './drain.js';
import { ipRateLimit } from './ip-rate-limit.js';
import { hardenRequests } from './request-hardening.js';
import { widgetSessionLimit } from './widget-session-limit.js';

/** Request bodies above this are refused with 413 before any processing. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The restify server with its defences, before any route: new turns refused while draining, request hardening
 * and per-IP limits before any body is read or parsed, then the body parser and the widget session limit.
 */
export function createHttpServer(options: { config: Pick<Config, 'rateLimits' | 'widget'>; drain: Drain; guards: AbuseGuards }): restify.Server {
  const { config, drain, guards } = options;
  const server = restify.createServer({ name: 'qualibot', handleUncaughtExceptions: false });
  refuseTurnsWhileDraining(server, drain);
  hardenRequests(server);
  const trustedHops = config.rateLimits.trustProxyHops;
  server.use(ipRateLimit({ method: 'POST', path: '/api/messages', limiter: guards.ipRequests, trustedHops, onRefused: () => guards.refused('ip') }));
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));
  const widgetTokens = new WidgetTokens(config.widget.secret);
  server.use(
    widgetSessionLimit({
      limiter: guards.widgetConversations,
      trustedHops,
      isValidVisitorToken: (token) => widgetTokens.verifyVisitorToken(token) !== undefined,
      allowedOrigins: config.widget.allowedOrigins,
      onRefused: () => guards.refused('widget_session'),
    }),
  );
  return server;
}
