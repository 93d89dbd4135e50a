import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake provider answers for a domain: a company record, or one of the failures a real API has. */
export type ProviderBehaviour =
  | { kind: 'company'; body: unknown }
  | { kind: 'status'; status: number }
  | { kind: 'raw'; text: string }
  /** Holds the request open until the test calls `releaseHung` (a provider that hangs). */
  | { kind: 'hang'; body: unknown };

export interface FakeEnrichmentProvider {
  /** `http://127.0.0.1:<port>/v1/companies?domain={domain}` */
  urlTemplate: string;
  apiKey: string;
  /** Domains asked, in order (only requests with the right key). */
  asked: string[];
  behaviours: Map<string, ProviderBehaviour>;
  /** Resolves the next time a request starts hanging (an event, never a wall clock). */
  nextHang(): Promise<string>;
  /** Answers every hanging request with its body. */
  releaseHung(): void;
  close(): Promise<void>;
}

/**
 * A generic JSON-over-HTTP enrichment API on loopback: `GET /v1/companies?domain=…` with the key in `X-Api-Key`,
 * answering per domain: a record (`{ data: { … } }`), 404 for an unknown company, an error status, a malformed body,
 * or nothing until released.
 */
export async function startFakeEnrichmentProvider(): Promise<FakeEnrichmentProvider> {
  const apiKey = 'test-key-0123456789';
  const behaviours = new Map<string, ProviderBehaviour>();
  const asked: string[] = [];
  const hung: Array<{ response: ServerResponse; body: unknown }> = [];
  let hangWaiters: Array<(domain: string) => void> = [];

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (status: number, text = '') => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(text);
    };
    if (url.pathname !== '/v1/companies' || request.headers['x-api-key'] !== apiKey) {
      send(url.pathname === '/v1/companies' ? 401 : 404);
      return;
    }
    const domain = url.searchParams.get('domain') ?? '';
    asked.push(domain);
    const behaviour = behaviours.get(domain);
    if (!behaviour) {
      send(404, '{"error":"not found"}');
    } else if (behaviour.kind === 'company') {
      send(200, JSON.stringify(behaviour.body));
    } else if (behaviour.kind === 'status') {
      send(behaviour.status, '{"error":"provider error"}');
    } else if (behaviour.kind === 'raw') {
      send(200, behaviour.text);
    } else {
      hung.push({ response, body: behaviour.body });
      const waiters = hangWaiters;
      hangWaiters = [];
      for (const waiter of waiters) waiter(domain);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    urlTemplate: `http://127.0.0.1:${port}/v1/companies?domain={domain}`,
    apiKey,
    asked,
    behaviours,
    nextHang: () => new Promise((resolve) => hangWaiters.push(resolve)),
    releaseHung: () => {
      for (const { response, body } of hung.splice(0)) {
        if (response.destroyed) continue;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      }
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
