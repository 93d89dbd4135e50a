import { STATUS_CODES } from 'node:http';
import type { Next, Request, Response, Server } from 'restify';

/**
 * Server-wide defences every route gets, installed before any route or body parser:
 * - request bodies must not be compressed: restify's body reader crashes the whole process on a
 *   corrupt gzip body (an unhandled zlib 'error' event) and counts its size limit on compressed
 *   bytes (a gzip bomb); no client of ours compresses requests, so any Content-Encoding gets a 415;
 * - restify's own errors (malformed JSON, 413, 404, 405...) use our `{error: {code, message}}` shape,
 *   with a fixed message: restify's can quote parser internals, and a 5xx never says more than its status.
 */
export function hardenRequests(server: Server): void {
  server.pre(refuseCompressedBodies);
  server.on('restifyError', (_req: Request, _res: Response, error: RestifyLikeError, callback: () => void) => {
    const body = errorBody(error);
    error.toJSON = () => body;
    return callback();
  });
}

interface RestifyLikeError extends Error {
  statusCode?: number;
  body?: { code?: unknown };
  toJSON?: () => unknown;
}

function refuseCompressedBodies(req: Request, res: Response, next: Next): void {
  const encoding = req.headers['content-encoding'];
  if (encoding === undefined || encoding.trim().toLowerCase() === 'identity') return next();
  res.send(415, { error: { code: 'unsupported_content_encoding', message: 'Compressed request bodies are not accepted: send the body without Content-Encoding.' } });
  return next(false);
}

/** Messages we choose, by restify error code; anything else gets its status text. */
const KNOWN: Record<string, { code: string; message: string }> = {
  InvalidContent: { code: 'invalid_json', message: 'The request body is not valid JSON.' },
  PayloadTooLarge: { code: 'payload_too_large', message: 'The request body is too large.' },
  RequestEntityTooLarge: { code: 'payload_too_large', message: 'The request body is too large.' },
  UnsupportedMediaType: { code: 'unsupported_media_type', message: 'This content type or encoding is not accepted.' },
  ResourceNotFound: { code: 'not_found', message: 'Not found.' },
  MethodNotAllowed: { code: 'method_not_allowed', message: 'Method not allowed.' },
  BadDigest: { code: 'bad_digest', message: 'The Content-MD5 header does not match the body.' },
  BadRequest: { code: 'bad_request', message: 'The request could not be read.' },
};

function errorBody(error: RestifyLikeError): { error: { code: string; message: string } } {
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 500) return { error: { code: status === 503 ? 'unavailable' : 'internal', message: status === 503 ? 'Service unavailable.' : 'Internal error.' } };
  const restifyCode = typeof error.body?.code === 'string' ? error.body.code : '';
  const known = KNOWN[restifyCode];
  if (known) return { error: known };
  return { error: { code: snakeCase(restifyCode) || 'bad_request', message: `${STATUS_CODES[status] ?? 'Bad request'}.` } };
}

function snakeCase(code: string): string {
  return code
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '')
    .toLowerCase();
}
