import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { Serializer } from '@azure/core-http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sendPlainJsonActivities } from '../../src/runtime/plain-json-activity-bodies.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A Bot Connector on loopback: records each request; a conversation id starting with `refuse-` gets a 403 ErrorResponse. */
let server: Server;
let baseUri: string;
const received: Received[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: JSON.parse(text) });
      if (req.url!.includes('/refuse-')) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () => new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri });
const activity = (): Partial<Activity> & Record<string, unknown> => ({
  type: 'message',
  text: 'Merci. Avez-vous un budget prévu pour ce projet ?',
  from: { id: 'bot', name: 'Qualibot', role: 'bot' },
  recipient: { id: 'visitor-1', name: 'Visitor' },
  conversation: { id: 'conv/1 é', isGroup: false, tenantId: 'tenant' } as Activity['conversation'],
  replyToId: 'activity 1',
  channelId: 'webchat',
  serviceUrl: baseUri,
  locale: 'fr-FR',
  timestamp: new Date('2026-12-07T10:00:00.000Z'),
  inputHint: 'expectingInput',
  suggestedActions: { to: ['visitor-1'], actions: [{ type: 'imBack', title: 'Oui', value: 'Oui' }] },
  channelData: { qualibot: { ask: 'money', nested: [1, { deep: true }] } },
  entities: [{ type: 'clientInfo', locale: 'fr-FR', extra: 5 }],
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x' }] } }],
  notInTheSchema: 'dropped by the mapper',
});

/** What the generated client sent, then what the plain-JSON one sent, for the same call. */
async function bothWays(call: (connector: ConnectorClient) => Promise<unknown>) {
  const results = [];
  for (const connector of [client(), sendPlainJsonActivities(client())]) {
    const result = await call(connector);
    results.push({ result, request: received.at(-1)! });
  }
  return results as [{ result: unknown; request: Received }, { result: unknown; request: Received }];
}

describe('plain JSON activity bodies', () => {
  it('reply with the same URL, conversation header and JSON body as the generated client, and read the same response', async () => {
    const [generated, plain] = await bothWays((connector) => connector.conversations.replyToActivity('conv/1 é', 'activity 1', activity()));
    expect(plain.request.method).toBe('POST');
    expect(plain.request.url).toBe(generated.request.url);
    expect(plain.request.url).toBe('/v3/conversations/conv%2F1%20%C3%A9/activities/activity%201');
    expect(plain.request.headers['x-ms-conversation-id']).toBe(generated.request.headers['x-ms-conversation-id']);
    expect(plain.request.headers['content-type']).toBe(generated.request.headers['content-type']);
    expect(plain.request.headers['user-agent']).toBe(generated.request.headers['user-agent']);
    expect(plain.request.body).toEqual(generated.request.body);
    expect(plain.request.body).not.toHaveProperty('notInTheSchema');
    expect((plain.result as { id: string }).id).toMatch(/^reply-\d+$/);
  });

  it('do not walk the Activity schema to serialise the body (the cost they remove)', async () => {
    const serialize = vi.spyOn(Serializer.prototype, 'serialize');
    const compositeBodies = () => serialize.mock.calls.filter(([mapper]) => mapper.type.name === 'Composite').length;
    try {
      await client().conversations.replyToActivity('conv-4', 'a-4', activity());
      expect(compositeBodies()).toBeGreaterThan(0);
      serialize.mockClear();
      await sendPlainJsonActivities(client()).conversations.replyToActivity('conv-4', 'a-4', activity());
      expect(compositeBodies()).toBe(0);
    } finally {
      serialize.mockRestore();
    }
  });

  it('send a new message to a conversation the same way', async () => {
    const [generated, plain] = await bothWays((connector) => connector.conversations.sendToConversation('conv-2', activity()));
    expect(plain.request.url).toBe('/v3/conversations/conv-2/activities');
    expect(plain.request.url).toBe(generated.request.url);
    expect(plain.request.body).toEqual(generated.request.body);
  });

  it('fail as the generated client does when the channel refuses: status, code and message', async () => {
    const failure = async (connector: ConnectorClient) => connector.conversations.replyToActivity('refuse-1', 'a-1', activity()).catch((error: unknown) => error);
    const [generated, plain] = await bothWays(failure);
    for (const error of [generated.result, plain.result]) {
      expect(error).toMatchObject({ statusCode: 403, code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' });
    }
    expect((plain.result as Error).name).toBe((generated.result as Error).name);
  });

  it('leave a call with options or a callback to the generated code', async () => {
    const connector = sendPlainJsonActivities(client());
    const id = await new Promise<string | undefined>((resolve, reject) =>
      connector.conversations.replyToActivity('conv-3', 'a-3', activity(), (error, result) => (error ? reject(error) : resolve(result?.id))),
    );
    expect(id).toMatch(/^reply-\d+$/);
    expect(received.at(-1)!.body).not.toHaveProperty('notInTheSchema');
  });
});
