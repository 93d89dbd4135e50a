import type { Response as BotResponse } from 'botbuilder';
import type { Response } from 'restify';

/**
 * What CloudAdapter.process writes to, in front of the real response: when the adapter fails (its
 * turn-error handler threw, or no handler), it answers 500 with the raw error message as the body.
 * That message may quote internals, so a 5xx leaves here in our error shape with a fixed text: 501 (an
 * invoke the bot does not handle, e.g. a messaging extension it has not) says so, any other 5xx is
 * "internal"; everything else (200, invoke responses, 401) passes through unchanged. Both runtimes'
 * adapters write to it.
 */
const NOT_IMPLEMENTED = { error: { code: 'not_implemented', message: 'Not implemented.' } };
const INTERNAL = { error: { code: 'internal', message: 'Internal error.' } };

export function adapterResponse(res: Response): BotResponse {
  let status = 200;
  const wrapper = {
    socket: res.socket,
    status(code: number) {
      status = code;
      if (code < 500) res.status(code);
      return wrapper;
    },
    header(name: string, value: unknown) {
      res.header(name, value);
      return wrapper;
    },
    // The Agents SDK's adapter (BOT_RUNTIME=agents) writes headers this way and checks what was already sent.
    setHeader(name: string, value: string) {
      res.header(name, value);
      return wrapper;
    },
    get headersSent() {
      return res.headersSent;
    },
    get writableEnded() {
      return res.writableEnded;
    },
    send(body?: unknown) {
      if (status >= 500) return;
      res.send(body);
    },
    end() {
      if (status >= 500) {
        if (!res.headersSent) res.send(status, status === 501 ? NOT_IMPLEMENTED : INTERNAL);
        return;
      }
      if (!res.writableEnded) res.end();
    },
  };
  return wrapper;
}
