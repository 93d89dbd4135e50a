import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake CRM received it: the raw body is kept to verify the signature byte for byte. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  json: unknown;
}

/** A scripted answer: a status, optional headers, optional delay before answering. */
export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface FakeCrm {
  /** `http://127.0.0.1:<port>/webhook` */
  url: string;
  requests: ReceivedRequest[];
  /** Answers the next requests with these, in order; afterwards `fallback` (200 unless changed). */
  script(...responses: (number | ScriptedResponse)[]): void;
  /** The answer once the script is used up. */
  fallback: ScriptedResponse;
  close(): Promise<void>;
}

/** A real HTTP server on loopback (port 0) standing in for the CRM webhook. */
export async function startFakeCrm(): Promise<FakeCrm> {
  const queue: ScriptedResponse[] = [];
  const requests: ReceivedRequest[] = [];
  const fake: FakeCrm = {
    url: '',
    requests,
    script: (...responses) => queue.push(...responses.map((response) => (typeof response === 'number' ? { status: response } : response))),
    fallback: { status: 200 },
    close: async () => undefined,
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        json = undefined;
      }
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, rawBody, json });
      const answer = queue.shift() ?? fake.fallback;
      const send = () => {
        if (response.destroyed) return;
        response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
        response.end(JSON.stringify({ ok: answer.status < 300 }));
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}/webhook`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
