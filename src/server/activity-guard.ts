import { ActivityTypes } from 'botbuilder';
import { z } from 'zod';
import { BadRequestError } from '../errors.js';

/** Bot Framework's service hosts: replies may only go there (an activity's serviceUrl is an SSRF vector). */
export const BOT_FRAMEWORK_SERVICE_URLS = [
  'https://smba.trafficmanager.net/',
  'https://smba.infra.gcc.teams.microsoft.com/',
  'https://smba.infra.gov.teams.microsoft.us/',
  'https://*.botframework.com/',
  'https://*.botframework.azure.us/',
  'https://*.botframework.us/',
];

const LOOPBACK_URLS = ['http://127.0.0.1:', 'http://localhost:', 'http://[::1]:'];

const KNOWN_TYPES = new Set<string>(Object.values(ActivityTypes));

/** The fields the framework needs to route an activity; anything else is passed through untouched. */
const activityShape = z
  .object({
    type: z.string({ error: 'activity.type is required' }).min(1, 'activity.type is required'),
    conversation: z.object({ id: z.string().min(1, 'activity.conversation.id is required') }, { error: 'activity.conversation is required' }).passthrough(),
    serviceUrl: z.string({ error: 'activity.serviceUrl is required' }).url('activity.serviceUrl must be a URL'),
    channelId: z.string().min(1).optional(),
    text: z.string().optional(),
  })
  .passthrough();

/** Decides which serviceUrls the bot may call back. */
export class ServiceUrlPolicy {
  private readonly prefixes: string[];

  constructor(configured: string[], options: { allowLoopback: boolean }) {
    const base = configured.length ? configured : BOT_FRAMEWORK_SERVICE_URLS;
    this.prefixes = [...base, ...(options.allowLoopback ? LOOPBACK_URLS : [])].map((prefix) => prefix.toLowerCase());
  }

  allows(serviceUrl: string): boolean {
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return false;
    }
    if (url.username || url.password) return false;
    const candidate = `${url.protocol}//${url.host}${url.pathname}`.toLowerCase();
    return this.prefixes.some((prefix) => matchesPrefix(candidate, prefix));
  }
}

/**
 * Validates an incoming Bot Framework activity before the framework sees it, so malformed input
 * gets a 400 with a message (the framework would answer 500) and no outbound call is ever made
 * to a serviceUrl outside the allow-list.
 */
export function guardActivity(body: unknown, policy: ServiceUrlPolicy): void {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestError('The request body must be a JSON Bot Framework activity.');
  }
  const parsed = activityShape.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestError(issue?.message ?? 'Invalid activity.', 400, 'invalid_activity');
  }
  if (!KNOWN_TYPES.has(parsed.data.type)) {
    throw new BadRequestError(`Unsupported activity type "${parsed.data.type.slice(0, 40)}".`, 400, 'unsupported_activity_type');
  }
  if (!policy.allows(parsed.data.serviceUrl)) {
    throw new BadRequestError('activity.serviceUrl is not an allowed Bot Framework service URL.', 400, 'service_url_not_allowed');
  }
}

/** `https://*.botframework.com/` matches any subdomain of botframework.com. */
function matchesPrefix(candidate: string, prefix: string): boolean {
  const wildcard = /^(https?:\/\/)\*\.([^/]+)(\/.*)?$/.exec(prefix);
  if (!wildcard) return candidate.startsWith(prefix);
  const [, scheme, domain, rest = '/'] = wildcard;
  if (!candidate.startsWith(scheme!)) return false;
  const afterScheme = candidate.slice(scheme!.length);
  const host = afterScheme.split('/')[0] ?? '';
  const path = afterScheme.slice(host.length) || '/';
  return host.endsWith(`.${domain}`) && path.startsWith(rest);
}
