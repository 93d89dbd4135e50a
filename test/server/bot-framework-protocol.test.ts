import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_RUNTIMES } from '../../src/runtime/bot-runtime.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type QualibotData = { ask?: string; route?: string; handoffReason?: string };
const qualibot = (activity: Partial<Activity>) => (activity.channelData as { qualibot?: QualibotData } | undefined)?.qualibot;

describe.each(BOT_RUNTIMES)('POST /api/messages (Bot Framework protocol, unauthenticated dev mode, %s runtime)', (runtime) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BOT_RUNTIME: runtime });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Sends one visitor message and returns the bot messages the connector received for it. */
  async function say(conversationId: string, channelId: string, text: string, locale = 'fr-FR'): Promise<Partial<Activity>[]> {
    const before = t.connector.messages(conversationId).length;
    const activity = t.activity(conversationId, channelId, { type: 'message', text, locale });
    const response = await t.post(activity);
    expect(response.status).toBe(200);
    const replies = t.connector.messages(conversationId).slice(before);
    for (const reply of replies) {
      expect(t.connector.calls.find((call) => call.activity === reply)?.replyToId).toBe(activity.id);
    }
    return replies;
  }

  it.each(['webchat', 'msteams', 'slack'])('qualifies a hot French lead end to end on %s', async (channelId) => {
    const conversationId = `conv-${channelId}-${randomUUID()}`;
    const opening = await say(conversationId, channelId, "Bonjour, nos commerciaux n'ont plus assez de rendez-vous.");
    expect(opening[0]?.text).toMatch(/Bonjour/);
    expect(opening.at(-1) && qualibot(opening.at(-1)!)?.ask).toBe('company');
    const companyQuestion = opening.at(-1)!;
    if (channelId === 'msteams') {
      expect(companyQuestion.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(companyQuestion.suggestedActions).toBeUndefined();
    } else if (channelId === 'slack') {
      expect(companyQuestion.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.hero');
      expect(companyQuestion.suggestedActions).toBeUndefined();
    } else {
      expect(companyQuestion.suggestedActions?.actions.length).toBeGreaterThan(0);
    }

    expect(qualibot((await say(conversationId, channelId, 'Éditeur de logiciel, 140 salariés.')).at(-1)!)?.ask).toBe('authority');
    expect(qualibot((await say(conversationId, channelId, 'Je suis directrice commerciale, je valide les prestataires.')).at(-1)!)?.ask).toBe('money');
    expect(qualibot((await say(conversationId, channelId, 'Nous avons 4 000 € par mois de budget prévu.')).at(-1)!)?.ask).toBe('prioritization');
    const outcome = (await say(conversationId, channelId, 'Nous voulons démarrer d’ici un mois.')).find((reply) => qualibot(reply)?.route)!;
    expect(qualibot(outcome)).toMatchObject({ route: 'handoff', handoffReason: 'high_score' });
    expect(outcome.text).toMatch(/expert/i);
  });

  it('greets on conversationUpdate in the activity locale and asks the first dimension', async () => {
    const conversationId = `conv-update-${randomUUID()}`;
    const response = await t.post(
      t.activity(conversationId, 'webchat', { type: 'conversationUpdate', locale: 'en-US', membersAdded: [{ id: 'user-1', name: 'Visitor' }] }),
    );
    expect(response.status).toBe(200);
    const messages = t.connector.messages(conversationId);
    expect(messages[0]?.text).toMatch(/Hello/);
    expect(qualibot(messages.at(-1)!)?.ask).toBe('challenge');
  });

  it('detects English from the first message when the channel sends no locale', async () => {
    const conversationId = `conv-detect-${randomUUID()}`;
    await t.post(t.activity(conversationId, 'slack', { type: 'message', text: 'Hi, we need more qualified meetings for our sales team.' }));
    const messages = t.connector.messages(conversationId);
    expect(messages[0]?.text).toMatch(/Hello/);
    expect(qualibot(messages.at(-1)!)?.ask).toBe('company');
  });
});

// Auth on (MicrosoftAppId set): the runtime's SDK checks the caller's token before any turn. A valid token needs
// Microsoft's signing keys (see the README, "Runtime and support status"); here, requests without one.
describe.each(BOT_RUNTIMES)('POST /api/messages with MicrosoftAppId set (%s runtime)', (runtime) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      BOT_RUNTIME: runtime,
      WARM_UP: 'false',
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret',
      SERVICE_URL_ALLOWLIST: 'http://127.0.0.1:',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['without an Authorization header', undefined],
    ['with a token that is no JWT', 'Bearer not-a-jwt'],
    ['with another scheme', 'Basic dXNlcjpwYXNz'],
  ])('refuses a request %s with 401, and the bot says nothing', async (_case, authorization) => {
    const conversationId = `auth-${randomUUID()}`;
    const response = await fetch(`${t.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(t.activity(conversationId, 'webchat', { type: 'message', text: 'Bonjour', locale: 'fr-FR' })),
    });
    expect(response.status).toBe(401);
    expect(t.connector.calls.filter((call) => call.conversationId === conversationId)).toEqual([]);
  });
});
