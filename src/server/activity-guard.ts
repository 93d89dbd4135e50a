import { ActivityTypes } from '../channels/protocol.js';
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

// Hardening: the fields the bot reads are type-checked here, as the Bot Framework schema defines them;
// a `locale: {}` used to make even the turn-error handler throw (500 with the error message as body).
const text = (field: string) => z.string({ error: `${field} must be a string` });
const account = (field: string) =>
  z
    .object(
      { id: text(`${field}.id`), name: text(`${field}.name`).optional(), role: text(`${field}.role`).optional(), aadObjectId: text(`${field}.aadObjectId`).optional() },
      { error: `${field} is required` },
    )
    .passthrough();
const objects = (field: string, shape: z.ZodRawShape = {}) => z.array(z.object(shape, { error: `${field} must hold objects` }).passthrough(), { error: `${field} must be an array` });

/** The fields the framework needs to route an activity; anything else is passed through untouched. */
const activityShape = z
  .object({
    type: z.string({ error: 'activity.type is required' }).min(1, 'activity.type is required'),
    conversation: z
      .object(
        {
          // It travels back in an HTTP header (x-ms-conversation-id) with every reply.
          id: z
            .string()
            .min(1, 'activity.conversation.id is required')
            .max(1024, 'activity.conversation.id is too long')
            .regex(/^[\x20-\x7e]+$/, 'activity.conversation.id must be printable ASCII'),
          isGroup: z.boolean({ error: 'activity.conversation.isGroup must be a boolean' }).optional(),
          conversationType: text('activity.conversation.conversationType').optional(),
          // Sent back as they are with every reply: the connector client refuses non-strings there.
          name: text('activity.conversation.name').optional(),
          tenantId: text('activity.conversation.tenantId').optional(),
        },
        { error: 'activity.conversation is required' },
      )
      .passthrough(),
    serviceUrl: z.string({ error: 'activity.serviceUrl is required' }).url('activity.serviceUrl must be a URL'),
    channelId: z.string({ error: 'activity.channelId is required' }).min(1, 'activity.channelId is required'),
    text: z.string().optional(),
    locale: text('activity.locale').optional(),
    name: text('activity.name').optional(),
    from: account('activity.from'),
    recipient: account('activity.recipient'),
    membersAdded: z.array(account('activity.membersAdded[]'), { error: 'activity.membersAdded must be an array' }).optional(),
    membersRemoved: z.array(account('activity.membersRemoved[]'), { error: 'activity.membersRemoved must be an array' }).optional(),
    entities: objects('activity.entities', { type: text('activity.entities[].type') }).optional(),
    attachments: objects('activity.attachments').optional(),
  })
  .passthrough()
  // botbuilder reads value.action.type of a Universal Action without checking it exists.
  .refine((activity) => activity.type !== 'invoke' || activity.name !== 'adaptiveCard/action' || isObject((activity.value as { action?: unknown } | undefined)?.action), {
    message: 'activity.value.action is required for adaptiveCard/action',
  })
  // ...the mention of every `mention` entity when it strips mentions in channels...
  .refine((activity) => (activity.entities ?? []).every((entity) => String(entity.type).toLowerCase() !== 'mention' || isObject(entity.mentioned) && typeof (entity.mentioned as { id?: unknown }).id === 'string'), {
    message: 'activity.entities[].mentioned.id is required for mentions',
  })
  // ...and the Teams handler reads channelData.eventType of message updates and deletions.
  .refine((activity) => activity.channelId !== 'msteams' || !['messageUpdate', 'messageDelete'].includes(activity.type) || isObject(activity.channelData), {
    message: 'activity.channelData is required for Teams message updates',
  });

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Decides which serviceUrls the bot may call back. An explicit allow-list is used exactly as written, in every
 * mode; without one, the Bot Framework hosts, plus loopback only while requests are unauthenticated (local
 * Emulator use: nobody can forge an activity that an open endpoint would not accept anyway).
 */
export class ServiceUrlPolicy {
  private readonly prefixes: string[];
  /** What start-up logs: where replies may go and why. */
  readonly description: string;

  constructor(configured: string[], options: { authenticated: boolean }) {
    const loopback = configured.length === 0 && !options.authenticated;
    this.prefixes = (configured.length ? configured : [...BOT_FRAMEWORK_SERVICE_URLS, ...(loopback ? LOOPBACK_URLS : [])]).map((prefix) => prefix.toLowerCase());
    this.description = configured.length
      ? `SERVICE_URL_ALLOWLIST, exactly: ${configured.join(', ')}`
      : `the Bot Framework hosts${loopback ? ', and loopback (SERVICE_URL_ALLOWLIST unset and requests unauthenticated: local Emulator use)' : ''}`;
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
