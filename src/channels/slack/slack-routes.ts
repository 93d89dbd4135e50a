import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logger.js';
import { rawBodyOf } from './raw-body.js';
import { SLACK_EVENTS_PATH, SLACK_INTERACTIONS_PATH } from './slack-constants.js';
import { slackBlockActionsSchema, slackEventEnvelopeSchema, type SlackBlockActions, type SlackEventCallback } from './slack-payloads.js';
import { verifySlackSignature } from './slack-signature.js';

/** Slack's retry headers, for logs: a retry is expected to be a duplicate. */
export interface SlackDelivery {
  retryNum?: string;
  retryReason?: string;
}

export interface SlackRoutesOptions {
  signingSecret: string;
  logger: Logger;
  /** Clock for the signature's freshness check (tests). */
  now?: () => number;
  /** Called after the 200 is sent: Slack wants an answer within 3 s, a bot turn may take longer. */
  onEvent(envelope: SlackEventCallback, delivery: SlackDelivery): void;
  onBlockActions(payload: SlackBlockActions): void;
}

/**
 * `POST /api/slack/events` (Event Subscriptions) and `POST /api/slack/interactions`
 * (Interactivity): signature checked on the raw body, then acknowledged at once; the work
 * happens after the answer.
 */
export function mountSlackRoutes(server: Server, options: SlackRoutesOptions): void {
  const { logger } = options;

  server.post(SLACK_EVENTS_PATH, async (req: Request, res: Response) => {
    const raw = verified(req, res, options);
    if (!raw) return;
    const json = parseJson(raw.toString('utf8'));
    const type = isRecord(json) ? json.type : undefined;
    if (type !== 'url_verification' && type !== 'event_callback') {
      // app_rate_limited and anything newer: nothing to do, but Slack must not retry it.
      res.send(200);
      return;
    }
    const parsed = slackEventEnvelopeSchema.safeParse(json);
    if (!parsed.success) {
      res.json(400, { ok: false, error: 'invalid_payload' });
      return;
    }
    const envelope = parsed.data;
    if (envelope.type === 'url_verification') {
      res.json(200, { challenge: envelope.challenge });
      return;
    }
    res.send(200);
    if (envelope.type === 'event_callback') {
      options.onEvent(envelope, { retryNum: header(req, 'x-slack-retry-num'), retryReason: header(req, 'x-slack-retry-reason') });
    }
  });

  server.post(SLACK_INTERACTIONS_PATH, async (req: Request, res: Response) => {
    const raw = verified(req, res, options);
    if (!raw) return;
    const json = parseJson(new URLSearchParams(raw.toString('utf8')).get('payload') ?? '');
    if (!isRecord(json)) {
      res.json(400, { ok: false, error: 'invalid_payload' });
      return;
    }
    res.send(200);
    if (json.type !== 'block_actions') return;
    const parsed = slackBlockActionsSchema.safeParse(json);
    if (parsed.success) options.onBlockActions(parsed.data);
    else logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'slack block_actions payload not understood');
  });
}

/** The raw body when the request is signed by Slack; otherwise answers 401 and returns undefined. */
function verified(req: Request, res: Response, options: SlackRoutesOptions): Buffer | undefined {
  const rawBody = rawBodyOf(req);
  const check = verifySlackSignature(
    options.signingSecret,
    { timestamp: header(req, 'x-slack-request-timestamp'), signature: header(req, 'x-slack-signature'), rawBody },
    options.now?.(),
  );
  if (check.ok) return rawBody;
  options.logger.warn({ path: req.path(), reason: check.reason }, 'slack request refused');
  res.json(401, { ok: false, error: check.reason });
  return undefined;
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
