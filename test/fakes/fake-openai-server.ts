import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { CHARS_PER_TOKEN, FakePromptCache } from './fake-prompt-cache.js';

/**
 * What the fake does for one request. Fields combine where it makes sense (`latencyMs` + `json`);
 * otherwise the first of hang > destroy > status > refusal > malformed > raw > json applies.
 * With none of them the model "finds nothing": `{}`.
 */
export interface FakeBehaviour {
  /** Object returned as the model output (content, or tool-call arguments when the request used tools). */
  json?: unknown;
  /** Output text returned verbatim (e.g. schema-invalid or fenced JSON). */
  raw?: string;
  /** Output that is not JSON at all. */
  malformed?: boolean;
  /** An HTTP error status (429, 500…), with an optional `retry-after` in seconds. */
  status?: number;
  retryAfter?: number;
  /** Never answers: the client must time out. */
  hang?: boolean;
  /** Drops the connection without answering: a network error. */
  destroy?: boolean;
  /** A structured-output refusal. */
  refusal?: string;
  /** Wait before answering. */
  latencyMs?: number;
  usage?: { prompt_tokens?: number; completion_tokens?: number; cached_tokens?: number };
}

/** The request body of a chat completion, as far as the tests look at it. */
export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  temperature?: number;
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
  tools?: { type: string; function: { name: string; parameters: Record<string, unknown> } }[];
  tool_choice?: { type: string; function?: { name: string } };
  [key: string]: unknown;
}

export interface RecordedRequest {
  path: string;
  body: ChatRequestBody;
  authorization?: string;
}

export type Responder = (body: ChatRequestBody, callIndex: number) => FakeBehaviour | Promise<FakeBehaviour>;

const MALFORMED_OUTPUT = '{"facts": {"challenge": {"level": "clear_problem", "evidence": "we need meetings"';

/**
 * A real OpenAI-compatible HTTP server on 127.0.0.1 (random port) that the real openai SDK talks to
 * (`baseURL` = `fake.baseURL`). Serves `POST /v1/chat/completions` (and `/chat/completions`) in both
 * structured-output shapes, counts calls and records request bodies.
 * Behaviours come from the queue first, then from the responder; with neither, it answers 500 so a
 * test that forgot to script a call fails loudly.
 */
export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  url = '';
  private readonly queue: FakeBehaviour[] = [];
  /** Repeated prompt prefixes are reported as cached tokens, as OpenAI does. */
  readonly promptCache = new FakePromptCache();
  private responder?: Responder;
  private server?: Server;

  static async start(responder?: Responder): Promise<FakeOpenAiServer> {
    const fake = new FakeOpenAiServer();
    fake.responder = responder;
    await fake.listen();
    return fake;
  }

  /** What the SDK's `baseURL` should be. */
  get baseURL(): string {
    return `${this.url}/v1`;
  }

  get calls(): number {
    return this.requests.length;
  }

  enqueue(...behaviours: FakeBehaviour[]): this {
    this.queue.push(...behaviours);
    return this;
  }

  respondWith(responder: Responder): this {
    this.responder = responder;
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.responder = undefined;
    this.promptCache.clear();
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections(); // hanging requests would keep the server open forever
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens on a random loopback port (`start` does it for you). */
  async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: `fake server error: ${String(error)}` } });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.url).pathname;
    if (req.method !== 'POST' || !/^(\/v1)?\/chat\/completions\/?$/.test(path)) {
      sendJson(res, 404, { error: { message: `fake server: no route ${req.method} ${path}` } });
      return;
    }
    const body = JSON.parse(await readBody(req)) as ChatRequestBody;
    const callIndex = this.requests.length;
    this.requests.push({ path, body, authorization: req.headers.authorization });
    const scripted = this.queue.shift() ?? (await this.responder?.(body, callIndex));
    if (!scripted) {
      sendJson(res, 500, { error: { message: `fake server: no behaviour scripted for call ${callIndex}` } });
      return;
    }
    if (scripted.latencyMs) await delay(scripted.latencyMs);
    if (scripted.hang) return;
    if (scripted.destroy) {
      req.socket.destroy();
      return;
    }
    if (scripted.status && scripted.status >= 400) {
      const headers: Record<string, string> = scripted.retryAfter !== undefined ? { 'retry-after': String(scripted.retryAfter) } : {};
      const type = scripted.status === 429 ? 'rate_limit_exceeded' : 'server_error';
      sendJson(res, scripted.status, { error: { message: `fake ${scripted.status}`, type, code: null } }, headers);
      return;
    }
    sendJson(res, 200, completion(body, scripted, this.promptCache));
  }
}

function completion(body: ChatRequestBody, behaviour: FakeBehaviour, cache: FakePromptCache): Record<string, unknown> {
  const output = behaviour.malformed ? MALFORMED_OUTPUT : (behaviour.raw ?? JSON.stringify(behaviour.json ?? {}));
  const toolName = body.tool_choice?.function?.name ?? body.tools?.[0]?.function.name;
  const useTool = Boolean(body.tools?.length) && !behaviour.refusal;
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: useTool || behaviour.refusal ? null : output,
    refusal: behaviour.refusal ?? null,
  };
  if (useTool) {
    message.tool_calls = [{ id: 'call_fake_1', type: 'function', function: { name: toolName, arguments: output } }];
  }
  // Tokens are estimated on the messages alone (the schema and tool definitions are left out of both counts).
  const prompt = JSON.stringify(body.messages);
  const cachedTokens = behaviour.usage?.cached_tokens ?? cache.lookup(prompt);
  const promptTokens = behaviour.usage?.prompt_tokens ?? Math.ceil(prompt.length / CHARS_PER_TOKEN);
  const completionTokens = behaviour.usage?.completion_tokens ?? Math.ceil(output.length / CHARS_PER_TOKEN);
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: useTool ? 'tool_calls' : 'stop' }],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: Math.min(cachedTokens, promptTokens) },
    },
  };
}

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(payload));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One fake for the whole test file, listening before its tests and emptied of scripted answers and
 * recorded requests before each one.
 */
export function useFakeOpenAiServer(): FakeOpenAiServer {
  const fake = new FakeOpenAiServer();
  beforeAll(() => fake.listen());
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());
  return fake;
}

