import type { Response } from 'restify';
import { BadRequestError } from '../errors.js';

/** One JSON error shape for every API: `{error: {code, message}}`. */
export function sendError(res: Response, error: unknown): void {
  if (error instanceof BadRequestError) {
    res.send(error.status, { error: { code: error.code, message: error.message } });
    return;
  }
  res.send(500, { error: { code: 'internal', message: 'Internal error.' } });
}
