import type { RateLimitConfig } from '../config.js';

/** A restify route, as restify names it once it has routed a request. */
export interface RouteKey {
  method: string;
  path: string;
}

export const BOT_FRAMEWORK_ROUTE: RouteKey = { method: 'POST', path: '/api/messages' };

/** What anyone on the web may request to start chatting: the demo pages, the loader, its files, the session. */
export const WIDGET_PUBLIC_ROUTES: readonly RouteKey[] = [
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/en' },
  { method: 'GET', path: '/widget.js' },
  { method: 'GET', path: '/widget/:file' },
  { method: 'OPTIONS', path: '/api/widget/session' },
  { method: 'POST', path: '/api/widget/session' },
];

/**
 * Where RATE_LIMIT_IP_REQUESTS_PER_MINUTE applies. With Bot Framework authentication on, every
 * /api/messages request comes from the Bot Service's few addresses, so a per-IP limit there would
 * throttle a busy deployment: the per-conversation and per-visitor limits protect it instead.
 * Unauthenticated (Emulator, local), anyone may post to it, and the per-IP limit stays.
 */
export function ipLimitedRoutes(botFrameworkAuthenticated: boolean): RouteKey[] {
  return botFrameworkAuthenticated ? [...WIDGET_PUBLIC_ROUTES] : [...WIDGET_PUBLIC_ROUTES, BOT_FRAMEWORK_ROUTE];
}

/**
 * Which limit guards which door, for the start-up log (the README's "Abuse limits" table says the same).
 * A limit set to 0 is left out.
 */
export function describeRateLimits(limits: RateLimitConfig, widgetMessagesPerMinute: number, botFrameworkAuthenticated: boolean): Record<string, string[]> {
  const perIp = limits.ipRequestsPerMinute > 0 ? [`${limits.ipRequestsPerMinute} requests/min per IP`] : [];
  const perVisitor = limits.messagesPerMinute > 0 ? [`${limits.messagesPerMinute} messages/min per conversation and per visitor`] : [];
  const ipOnBotFramework = botFrameworkAuthenticated ? [] : perIp;
  return {
    'POST /api/messages': [...ipOnBotFramework, ...perVisitor],
    'POST /api/widget/session': [...perIp, ...(limits.conversationsPerHour > 0 ? [`${limits.conversationsPerHour} new conversations/hour per IP`] : [])],
    'widget pages, loader and files': perIp,
    'widget socket': widgetMessagesPerMinute > 0 ? [`${widgetMessagesPerMinute} messages/min per connection`] : [],
    'LLM calls': limits.llmCallsPerConversation > 0 ? [`${limits.llmCallsPerConversation} per conversation`] : [],
  };
}
