import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterResponse } from '../../src/runtime/adapter-response.js';

/**
 * What CloudAdapter.process does with the response it is given, replayed on a real restify server:
 * `status(code)`, `send(body)` when there is one, then `end()`.
 */
function adapterEnd(res: ReturnType<typeof adapterResponse>, status: number, body?: unknown): void {
  res.status(status);
  if (body) res.send(body);
  res.end();
}

describe('adapterResponse: the adapter cannot leak error text in a 5xx', () => {
  let server: restify.Server;
  let url = '';
  beforeAll(async () => {
    server = restify.createServer();
    server.get('/fail', async (_req, res) => adapterEnd(adapterResponse(res), 500, 'TypeError: tag?.trim is not a function at /srv/app/turn-error.ts:15'));
    // botbuilder's answer to an invoke it has no handler for: a bare 501.
    server.get('/not-implemented', async (_req, res) => adapterEnd(adapterResponse(res), 501));
    server.get('/ok', async (_req, res) => adapterEnd(adapterResponse(res), 200));
    server.get('/invoke', async (_req, res) => adapterEnd(adapterResponse(res), 400, { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest' } }));
    server.get('/unauthorized', async (_req, res) => adapterEnd(adapterResponse(res), 401, 'Unauthorized Access. Request is not authorized'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('replaces a 5xx body with our error shape and a fixed text', async () => {
    const response = await fetch(`${url}/fail`);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: { code: 'internal', message: 'Internal error.' } });
    expect(body).not.toMatch(/trim|turn-error|TypeError/);
  });

  it('says "not implemented" for a 501 (an invoke the bot has no handler for), naming nothing internal', async () => {
    const response = await fetch(`${url}/not-implemented`);
    expect(response.status).toBe(501);
    expect(await response.json()).toEqual({ error: { code: 'not_implemented', message: 'Not implemented.' } });
  });

  it('passes everything else through unchanged', async () => {
    expect((await fetch(`${url}/ok`)).status).toBe(200);
    const invoke = await fetch(`${url}/invoke`);
    expect(invoke.status).toBe(400);
    expect(await invoke.json()).toEqual({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest' } });
    const unauthorized = await fetch(`${url}/unauthorized`);
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.text()).toContain('Unauthorized');
  });
});
