import type { Request } from 'restify';

/**
 * The request body bytes as received. restify's global bodyParser has already consumed the stream:
 * for JSON and form bodies it keeps the unparsed text in `req.rawBody` (for other types `req.body`
 * is that text or a Buffer). The text is the UTF-8 decoding of the wire bytes, so re-encoding it
 * gives the same bytes for any valid UTF-8 body (all Slack sends); an invalid one can only fail
 * the signature check, never pass it.
 */
export function rawBodyOf(req: Request): Buffer {
  const { rawBody, body } = req as Request & { rawBody?: unknown };
  const raw = rawBody ?? body;
  if (Buffer.isBuffer(raw)) return raw;
  if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
  return Buffer.alloc(0);
}
