import restify from 'restify';
import { WidgetTokens } from '../channels/widget/widget-tokens.js';
import type { Config } from '../config.js';
import type { AbuseGuards } from './abuse-guards.js';
import { refuseTurnsWhileDraining, type Drain } from './drain.js';
import { ipRateLimit } from './ip-rate-limit.js';
import { describeRateLimits, ipLimitedRoutes } from './rate-limit-doors.js';
import type { Logger } from '../logger.js';
import { hardenRequests } from './request-hardening.js';
import { installSecurityHeaders } from './security-headers.js';
import { widgetSessionLimit } from './widget-session-limit.js';

/** Request bodies above this are refused with 413 before any processing. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The restify server with its defences, before any route: new turns refused while draining, request hardening
 * and per-IP limits before any body is read or parsed, then the body parser and the widget session limit.
 */
export function createHttpServer(options: { config: Pick<Config, 'rateLimits' | 'widget' | 'botFramework' | 'publicUrl'>; drain: Drain; guards: AbuseGuards; logger: Logger }): restify.Server {
  const { config, drain, guards, logger } = options;
  const server = restify.createServer({ name: 'qualibot', handleUncaughtExceptions: false });
  refuseTurnsWhileDraining(server, drain);
  hardenRequests(server);
  installSecurityHeaders(server, { https: config.publicUrl?.startsWith('https:') ?? false });
  const trustedHops = config.rateLimits.trustProxyHops;
  const authenticated = config.botFramework.authenticated;
  server.use(ipRateLimit({ routes: ipLimitedRoutes(authenticated), limiter: guards.ipRequests, trustedHops, onRefused: () => guards.refused('ip') }));
  // `store`: postgres = counted across the instances, memory = this instance alone.
  logger.info({ limits: describeRateLimits(config.rateLimits, config.widget.messagesPerMinute, authenticated), store: guards.store }, 'rate limits by door');
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
