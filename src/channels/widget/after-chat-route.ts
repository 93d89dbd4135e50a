import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { BadRequestError } from '../../errors.js';
import type { AfterChat } from '../../handoff/after-chat.js';
import { readJsonBody, sendJson, widgetCors, type RequestWithBody } from './session-route.js';
import type { WidgetTokens } from './widget-tokens.js';

const afterChatBody = z.union([
  z.object({ token: z.string().max(1024), rating: z.number().int().min(1).max(5) }).strict(),
  z.object({ token: z.string().max(1024), email: z.string().max(320), title: z.string().max(80).optional() }).strict(),
]);

export interface AfterChatRouteOptions {
  tokens: WidgetTokens;
  allowedOrigins: readonly string[];
  logger: Logger;
  /** Set once the handoff module exists; until then the route answers 503. */
  afterChat: () => AfterChat | undefined;
}

/**
 * POST /api/widget/after-chat: the visitor's rating (`{token, rating}`) or their transcript by e-mail
 * (`{token, email, title?}`: the title the panel showed, for the subject), for the conversation their visitor token names. Errors are `{error: {code, message}}`.
 */
export function createAfterChatRoute(options: AfterChatRouteOptions) {
  const { tokens, logger } = options;
  const { corsHeaders, preflight, refuseOrigin } = widgetCors(options.allowedOrigins);

  async function handle(request: RequestWithBody, response: ServerResponse): Promise<void> {
    const cors = corsHeaders(request);
    if (!cors) return refuseOrigin(response);
    try {
      const parsed = afterChatBody.safeParse(await readJsonBody(request));
      if (!parsed.success) throw new BadRequestError('Expected {token, rating} with a rating from 1 to 5, or {token, email}', 400, 'bad_request');
      const claims = tokens.verifyVisitorToken(parsed.data.token);
      if (!claims) throw new BadRequestError('The chat session has expired', 401, 'unauthorized');
      const afterChat = options.afterChat();
      if (!afterChat) throw new BadRequestError('Not available', 503, 'unavailable');
      if ('rating' in parsed.data) await afterChat.rate(claims.conversationId, parsed.data.rating);
      else await afterChat.sendTranscript(claims.conversationId, parsed.data.email, parsed.data.title);
      sendJson(response, 200, { ok: true }, cors);
    } catch (error) {
      if (error instanceof BadRequestError) return sendJson(response, error.status, { error: { code: error.code, message: error.message } }, cors);
      logger.error({ err: error }, 'widget after-chat request failed');
      sendJson(response, 500, { error: { code: 'internal_error', message: 'Unexpected error' } }, cors);
    }
  }

  return { preflight, handle };
}
