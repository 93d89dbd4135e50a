import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n/translate.js';
import { FakeBotFrameworkAuth } from '../fakes/fake-bot-framework-auth.js';
import { FakeOpenAiServer } from '../fakes/fake-openai-server.js';
import { answerTo, asked, HOT_EN, HOT_FR } from './support/conversation.js';
import { startHardenedApp, type HardenedApp } from './support/hardened-app.js';

const texts = (replies: { text?: string }[]) => replies.map((reply) => reply.text);

describe('messages per minute per conversation and per visitor on /api/messages', () => {
  let t: HardenedApp;
  beforeAll(async () => {
    t = await startHardenedApp({ RATE_LIMIT_MESSAGES_PER_MINUTE: '5', RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('30 messages in one second on one conversation: 5 read, one kind reply, no error; the conversation works after', async () => {
    const conversationId = `flood-${randomUUID()}`;
    const bystander = `bystander-${randomUUID()}`;
    const refusedBefore = (await t.metric('qualibot_rate_limited_total', { limit: 'conversation' })) || 0;
    const flood = Array.from({ length: 30 }, (_, index) => t.post(t.message(conversationId, index === 0 ? HOT_FR.challenge : `message ${index}`)));
    const [responses, bystanderReplies] = await Promise.all([Promise.all(flood), t.say(bystander, HOT_FR.challenge)]);
    expect(responses.map((response) => response.status)).toEqual(Array(30).fill(200));
    // Someone else chatting at the same time is not affected.
    expect(asked(bystanderReplies)).toBe('company');

    const replies = texts(t.connector.messages(conversationId));
    expect(replies.filter((text) => text === translate('bot.rateLimited', 'fr'))).toHaveLength(1);
    expect(await t.metric('qualibot_rate_limited_total', { limit: 'conversation' })).toBe(refusedBefore + 25);
    const visitorLines = (await t.app.db.transcripts.list(conversationId)).filter((line) => line.from === 'visitor');
    expect(visitorLines).toHaveLength(5);
    expect(t.logs.records().filter((record) => record.msg === 'turn failed')).toEqual([]);
    const warnings = t.logs.records().filter((record) => record.msg === 'visitor rate-limited' && record.conversationId === conversationId);
    expect(warnings).toHaveLength(1);

    // A minute later the visitor is heard again, and the qualification goes on.
    t.clock.advance(60_000);
    const after = await t.say(conversationId, HOT_FR.company);
    expect(texts(after)).not.toContain(translate('bot.rateLimited', 'fr'));
    expect(asked(after)).toBeDefined();
    expect((await t.app.db.transcripts.list(conversationId)).filter((line) => line.from === 'visitor')).toHaveLength(6);
  });

  it('one visitor spreading messages over several conversations is limited as a whole, in English for an English visitor', async () => {
    const visitor = { id: `visitor-${randomUUID()}`, name: 'Visitor' };
    const replies: (string | undefined)[] = [];
    for (let index = 0; index < 6; index += 1) {
      const conversationId = `spread-${index}-${randomUUID()}`;
      replies.push(...texts(await t.say(conversationId, HOT_EN.challenge, { from: visitor, locale: 'en-US' })));
    }
    expect(replies.filter((text) => text === translate('bot.rateLimited', 'en'))).toHaveLength(1);
    expect(replies.at(-1)).toBe(translate('bot.rateLimited', 'en'));
    expect(await t.metric('qualibot_rate_limited_total', { limit: 'visitor' })).toBe(1);
  });

  it('typing and conversation updates are not counted', async () => {
    const conversationId = `typing-${randomUUID()}`;
    for (let index = 0; index < 20; index += 1) expect((await t.post(t.message(conversationId, '', { type: 'typing' }))).status).toBe(200);
    expect(texts(await t.say(conversationId, HOT_FR.challenge))).not.toContain(translate('bot.rateLimited', 'fr'));
  });
});

describe('requests per minute per client IP on /api/messages: 429 with Retry-After', () => {
  it('refuses the flood before reading it, tells when to come back, and recovers', async () => {
    const t = await startHardenedApp({ RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '10' });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 8; index += 1) statuses.push((await t.post(t.message(`ip-${index}-${randomUUID()}`, 'Bonjour'))).status);
      // Garbage counts too.
      statuses.push((await t.raw('/api/messages', '{oops')).status, (await t.raw('/api/messages', 'x', { 'content-type': 'text/plain' })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 400, 415]);
      const refused = await t.post(t.message(`ip-${randomUUID()}`, 'Bonjour'));
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('6');
      expect(JSON.parse(refused.body)).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/slow down/) } });
      // A 300 KB flood is refused the same way (before its body is parsed), and so is the same route spelt otherwise.
      expect((await t.post(t.message(`ip-${randomUUID()}`, 'x'.repeat(300_000)))).status).toBe(429);
      expect((await t.raw('/%61pi/messages', JSON.stringify(t.message(`ip-${randomUUID()}`, 'Bonjour')))).status).toBe(429);
      expect((await t.raw('/api/messages?via=query', JSON.stringify(t.message(`ip-${randomUUID()}`, 'Bonjour')))).status).toBe(429);
      // Probes are not behind this limit; unauthenticated, the widget shares the address's budget.
      expect((await t.get('/healthz')).status).toBe(200);
      expect((await t.get('/readyz')).status).toBe(200);
      expect((await t.raw('/api/widget/session', JSON.stringify({ locale: 'fr' }))).status).toBe(429);
      expect(await t.metric('qualibot_rate_limited_total', { limit: 'ip' })).toBe(5);

      t.clock.advance(6_000);
      expect((await t.post(t.message(`ip-${randomUUID()}`, 'Bonjour'))).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('trusts X-Forwarded-For only from the configured number of proxies', async () => {
    const post = (t: HardenedApp, forwardedFor: string) =>
      t.raw('/api/messages', JSON.stringify(t.message(`xff-${randomUUID()}`, 'Bonjour')), { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor });
    const direct = await startHardenedApp({ RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '2' });
    try {
      // Without a trusted proxy, a forged header does not buy a fresh bucket.
      const statuses = [];
      for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) statuses.push((await post(direct, address)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await direct.close();
    }
    const proxied = await startHardenedApp({ RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '2', TRUST_PROXY_HOPS: '1' });
    try {
      const statuses = [];
      for (const address of ['198.51.100.1', '198.51.100.1', '198.51.100.1', '203.0.113.5']) statuses.push((await post(proxied, `6.6.6.6, ${address}`)).status);
      expect(statuses).toEqual([200, 200, 429, 200]);
    } finally {
      await proxied.close();
    }
  });
});

describe('behind Azure Bot Service (authentication on): the per-IP limit guards the widget, not /api/messages', () => {
  const APP_ID = '00000000-0000-0000-0000-00000000b07a';
  let auth: FakeBotFrameworkAuth;
  let t: HardenedApp;
  beforeAll(async () => {
    auth = await FakeBotFrameworkAuth.start(APP_ID);
    t = await startHardenedApp(
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'validated-against-the-fake',
        SERVICE_URL_ALLOWLIST: '{{connector}}',
        RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '10',
        RATE_LIMIT_MESSAGES_PER_MINUTE: '5',
        RATE_LIMIT_CONVERSATIONS_PER_HOUR: '0',
      },
      { botFrameworkAuthentication: auth.authentication() },
    );
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await auth?.close();
  });
  /** POSTs an activity as the Bot Service does: from one address, with a channel token. */
  const fromBotService = (activity: Partial<Activity>) =>
    t.raw('/api/messages', JSON.stringify(activity), { 'content-type': 'application/json', authorization: auth.channelAuthorization(t.connector.url) });

  it('a dozen busy conversations from one address are all answered; the widget routes of that address are limited; each conversation keeps its own limit', async () => {
    // Without a channel token the request is refused: authentication really is on.
    expect((await t.post(t.message(`anonymous-${randomUUID()}`, 'Bonjour'))).status).toBe(401);

    const conversations = Array.from({ length: 12 }, () => `azure-${randomUUID()}`);
    const statuses: number[] = [];
    for (const text of [HOT_FR.challenge, HOT_FR.company, HOT_FR.authority]) {
      for (const conversationId of conversations) statuses.push((await fromBotService(t.message(conversationId, text))).status);
    }
    // 36 requests from 127.0.0.1 in well under a minute, over a per-IP limit of 10: none refused, every turn answered.
    expect(statuses).toEqual(Array(36).fill(200));
    for (const conversationId of conversations) expect(t.connector.messages(conversationId).length).toBeGreaterThanOrEqual(3);
    expect(t.connector.calls.find((call) => call.activity?.type === 'message')?.authorization).toBe(`Bearer reply-token-for-${APP_ID}`);

    // The same address on the widget's public routes: 10 requests, then 429.
    const widget: number[] = [];
    for (let index = 0; index < 6; index += 1) widget.push((await t.raw('/api/widget/session', JSON.stringify({ locale: 'fr' }), { 'content-type': 'application/json', origin: t.url })).status);
    for (let index = 0; index < 5; index += 1) widget.push((await t.get('/widget.js')).status);
    expect(widget).toEqual([...Array(10).fill(200), 429]);
    expect(await t.metric('qualibot_rate_limited_total', { limit: 'ip' })).toBe(1);

    // One conversation flooding is still held to its own limit (5 a minute): one kind reply, the rest dropped.
    const flooded = `azure-flood-${randomUUID()}`;
    for (let index = 0; index < 8; index += 1) expect((await fromBotService(t.message(flooded, `message ${index}`))).status).toBe(200);
    expect(texts(t.connector.messages(flooded)).filter((text) => text === translate('bot.rateLimited', 'fr'))).toHaveLength(1);
    expect(await t.metric('qualibot_rate_limited_total', { limit: 'conversation' })).toBe(3);

    // The start-up log says which limit guards which door.
    const doors = t.logs.records().find((record) => record.msg === 'rate limits by door')?.limits as Record<string, string[]>;
    expect(doors['POST /api/messages']).toEqual(['5 messages/min per conversation and per visitor']);
    expect(doors['POST /api/widget/session']).toEqual(['10 requests/min per IP']);
  });
});

describe('new widget conversations per hour per client IP', () => {
  it('refuses new conversations beyond the limit with 429, never a visitor resuming with a valid token', async () => {
    const t = await startHardenedApp({ RATE_LIMIT_CONVERSATIONS_PER_HOUR: '3', WIDGET_SECRET: 'hardening-widget-secret-0123456789' });
    try {
      const open = async (body: Record<string, unknown>) => {
        const response = await t.raw('/api/widget/session', JSON.stringify(body), { 'content-type': 'application/json', origin: t.url });
        return { ...response, json: () => JSON.parse(response.body) as { visitorToken: string; resumed: boolean; error?: { code: string } } };
      };
      const sessions = [];
      for (let index = 0; index < 3; index += 1) sessions.push(await open({ locale: 'fr' }));
      expect(sessions.map((session) => session.status)).toEqual([200, 200, 200]);

      const refused = await open({ locale: 'fr' });
      expect(refused.status).toBe(429);
      expect(refused.json().error?.code).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBe(1200);
      // The embedding page can read the refusal (CORS) and the widget retries later.
      expect(refused.headers.get('access-control-allow-origin')).toBe(t.url);
      // A forged token is a new conversation: refused too, whatever the spelling of the route.
      expect((await open({ visitorToken: 'forged.token', locale: 'fr' })).status).toBe(429);
      expect((await t.raw('/api/widget/%73ession', JSON.stringify({ locale: 'fr' }), { 'content-type': 'application/json', origin: t.url })).status).toBe(429);

      // A visitor reloading the page keeps their conversation.
      const resumed = await open({ visitorToken: sessions[0]!.json().visitorToken, locale: 'fr' });
      expect(resumed.status).toBe(200);
      expect(resumed.json().resumed).toBe(true);
      expect(await t.metric('qualibot_rate_limited_total', { limit: 'widget_session' })).toBe(3);

      t.clock.advance(20 * 60_000);
      expect((await open({ locale: 'en' })).status).toBe(200);
      expect((await open({ locale: 'en' })).status).toBe(429);
    } finally {
      await t.close();
    }
  });
});

describe('LLM calls per conversation', () => {
  let fake: FakeOpenAiServer;
  let t: HardenedApp;
  beforeAll(async () => {
    fake = await FakeOpenAiServer.start(() => ({ json: { facts: {} }, usage: { prompt_tokens: 500, completion_tokens: 20 } }));
    t = await startHardenedApp({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, LLM_TIMEOUT_MS: '2000', RATE_LIMIT_LLM_CALLS_PER_CONVERSATION: '2' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('beyond the budget the conversation is read by the rules only, and still qualifies', async () => {
    const conversationId = `budget-${randomUUID()}`;
    let replies = await t.say(conversationId, HOT_FR.challenge);
    for (let step = 0; step < 6 && asked(replies); step += 1) replies = await t.say(conversationId, answerTo(HOT_FR, asked(replies)));
    expect(fake.calls).toBe(2);
    expect(await t.metric('qualibot_llm_calls_total')).toBe(2);
    expect(await t.metric('qualibot_rate_limited_total', { limit: 'llm_budget' })).toBe(3);
    const lead = await t.app.db.leads.getByConversation(conversationId);
    expect(t.logs.records().filter((record) => record.msg?.toString().startsWith('llm call budget used up'))).toMatchObject([{ leadId: lead?.id, limit: 2 }]);
    expect(lead?.decision?.route).toBe('handoff');
    expect(lead?.usage.llmCalls).toBe(2);

    // Another conversation has its own budget.
    await t.say(`budget-other-${randomUUID()}`, HOT_FR.challenge);
    expect(fake.calls).toBe(3);
  });
});
