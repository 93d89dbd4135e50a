import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { BadRequestError } from '../../errors.js';
import { isOriginAllowed } from './origin-policy.js';
import type { SessionRequest, WidgetSessions } from './widget-sessions.js';

const MAX_BODY_BYTES = 8 * 1024;

export interface SessionRouteOptions {
  sessions: WidgetSessions;
  allowedOrigins: readonly string[];
  logger: Logger;
}

export type RequestWithBody = IncomingMessage & { body?: unknown };

/**
 * CORS of the widget's public POST routes: the headers for an allowed origin (undefined for another), the
 * preflight answer, and the refusal the loader understands.
 */
export function widgetCors(allowedOrigins: readonly string[]) {
  function corsHeaders(request: IncomingMessage): Record<string, string> | undefined {
    const origin = request.headers.origin;
    if (!isOriginAllowed(origin, request.headers.host, allowedOrigins)) return undefined;
    return origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
  }

  function refuseOrigin(response: ServerResponse): void {
    sendJson(response, 403, { error: { code: 'origin_not_allowed', message: 'This site may not use the chat.' } });
  }

  function preflight(request: IncomingMessage, response: ServerResponse): void {
    const cors = corsHeaders(request);
    if (!cors) return refuseOrigin(response);
    response.writeHead(204, {
      ...cors,
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '600',
    });
    response.end();
  }

  return { corsHeaders, preflight, refuseOrigin };
}

/**
 * POST /api/widget/session and its CORS preflight. Works whether or not the app installed
 * restify's bodyParser (the body is read here when nobody did).
 */
export function createSessionRoute(options: SessionRouteOptions) {
  const { sessions, logger } = options;
  const { corsHeaders, preflight, refuseOrigin } = widgetCors(options.allowedOrigins);

  async function open(request: RequestWithBody, response: ServerResponse): Promise<void> {
    const cors = corsHeaders(request);
    if (!cors) {
      logger.warn({ origin: request.headers.origin }, 'widget session refused: origin not allowed');
      return refuseOrigin(response);
    }
    try {
      const body = await readJsonBody(request);
      const session = await sessions.open(body);
      sendJson(response, 200, session, cors);
    } catch (error) {
      if (error instanceof BadRequestError) return sendJson(response, error.status, { error: { code: error.code, message: error.message } }, cors);
      logger.error({ err: error }, 'widget session failed');
      sendJson(response, 500, { error: { code: 'internal_error', message: 'The chat could not start.' } }, cors);
    }
  }

  return { preflight, open };
}

export async function readJsonBody(request: RequestWithBody): Promise<SessionRequest> {
  let raw: unknown = request.body;
  if (raw === undefined) raw = await readText(request);
  if (Buffer.isBuffer(raw)) raw = raw.toString('utf8');
  if (typeof raw === 'string') {
    if (raw.trim() === '') return {};
    try {
      raw = JSON.parse(raw);
    } catch {
      throw new BadRequestError('The body must be JSON.');
    }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new BadRequestError('The body must be a JSON object.');
  return raw as SessionRequest;
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadRequestError(`The body exceeds ${MAX_BODY_BYTES} bytes.`, 413, 'payload_too_large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(response: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    ...extraHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
  });
  response.end(json);
}
