import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/handoff/password-hash.js';
import type { HandoffRecord } from '../../src/storage/ports/handoffs.js';
import { FakeConnector, type ConnectorCall } from '../fakes/fake-connector.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { eventually, HOT_ANSWERS_FR } from './helpers/handoff-harness.js';

/**
 * SDR takeover from a Teams channel, through the real app: a visitor qualifies on the `webchat`
 * channel (Bot Connector fake #1), the SDR team's Teams lives behind another Bot Connector fake
 * (#2, `TEAMS_SERVICE_URL`), and SDR clicks and replies arrive on /api/messages as Teams sends them.
 */

const CHANNEL = '19:sdr-desk@thread.tacv2';
const TENANT = 'tenant-sdr';
const PUBLIC_URL = 'https://qualibot.example';
const BOT = { id: '28:qualibot-app', name: 'Qualibot' };
const MARIE = { id: '29:marie', aadObjectId: 'aad-marie', name: 'Marie Dupont' };
const PAUL = { id: '29:paul', aadObjectId: 'aad-paul', name: 'Paul Martin' };
type Sdr = typeof MARIE;

interface CardAction {
  type: string;
  title: string;
  data?: { qualibotAction?: string; handoffId?: string; outcome?: string };
  url?: string;
}
interface AdaptiveCard {
  body: Array<{ type: string; id?: string; text?: string; facts?: Array<{ title: string; value: string }>; choices?: Array<{ title: string; value: string }> }>;
  actions: CardAction[];
}

let teams: FakeConnector;
let t: TestApp;

beforeAll(async () => {
  teams = new FakeConnector();
  await teams.start();
  t = await startTestApp({
    TEAMS_SDR_CHANNEL_ID: CHANNEL,
    TEAMS_SERVICE_URL: teams.url,
    TEAMS_TENANT_ID: TENANT,
    PUBLIC_URL,
    SDR_LOCALE: 'en',
    BUSINESS_HOURS: '',
    HANDOFF_ASSIGNMENT_TIMEOUT_S: '600',
    SDR_TOKEN_SECRET: 'teams-takeover-secret-0123456789',
  });
});

afterAll(async () => {
  await t?.close();
  await teams?.stop();
});

// ------------------------------------------------------------------ the visitor (webchat)

async function visitorSays(conversationId: string, text: string): Promise<void> {
  const response = await t.post(t.activity(conversationId, 'webchat', { type: 'message', text, locale: 'fr-FR', from: { id: `visitor-${conversationId}`, name: 'Visitor' } }));
  expect(response.status).toBe(200);
}

/** Says hello, clicks the quick replies of a hot lead; returns the queued handoff. */
async function reachHandoff(conversationId: string): Promise<HandoffRecord> {
  for (const text of ['Bonjour', ...HOT_ANSWERS_FR]) await visitorSays(conversationId, text);
  const handoff = (await t.app.db.handoffs.list({ conversationId })).at(-1);
  expect(handoff?.status).toBe('queued');
  return handoff!;
}

const visitorTexts = (conversationId: string) => t.connector.messages(conversationId).map((activity) => activity.text ?? '');

// ------------------------------------------------------------------ the SDR channel (Teams)

/** The proactive card that started the handoff's thread (`POST /v3/conversations`). */
function cardPosts(handoffId: string): ConnectorCall[] {
  return teams.calls.filter((call) => call.method === 'POST' && call.path === '/v3/conversations' && cardOf((call.body as { activity?: Partial<Activity> })?.activity)?.actions.some((action) => action.data?.handoffId === handoffId));
}

function cardOf(activity: Partial<Activity> | undefined): AdaptiveCard | undefined {
  const attachment = activity?.attachments?.[0];
  return attachment?.contentType === 'application/vnd.microsoft.card.adaptive' ? (attachment.content as AdaptiveCard) : undefined;
}

const texts = (card: AdaptiveCard | undefined) => (card?.body ?? []).filter((item) => item.type === 'TextBlock').map((item) => item.text ?? '');
const facts = (card: AdaptiveCard | undefined) => (card?.body ?? []).flatMap((item) => item.facts ?? []);

/** Card updates (`PUT /v3/conversations/<thread>/activities/<card id>`), oldest first. */
function cardUpdates(thread: string, cardId: string): AdaptiveCard[] {
  return teams.calls.filter((call) => call.method === 'PUT' && call.conversationId === thread && call.replyToId === cardId).map((call) => cardOf(call.activity)!);
}

/** Messages the bot wrote in a thread of the SDR channel. */
const threadTexts = (thread: string) => teams.messages(thread).map((activity) => activity.text ?? '');

/** The thread a handoff's card heads, learnt from the first message the bot writes in it. */
async function threadOf(marker: string): Promise<{ thread: string; cardId: string }> {
  await teams.waitFor((calls) => calls.some((call) => call.conversationId?.startsWith(`${CHANNEL};messageid=`) && call.activity?.text?.includes(marker)));
  const call = teams.calls.find((candidate) => candidate.conversationId?.startsWith(`${CHANNEL};messageid=`) && candidate.activity?.text?.includes(marker))!;
  const thread = call.conversationId!;
  return { thread, cardId: thread.split(';messageid=')[1]! };
}

/** An activity from the SDR channel, as Teams posts it to /api/messages. */
function fromTeams(sdr: Sdr, conversationId: string, fields: Partial<Activity>): Partial<Activity> {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: teams.url,
    conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: TENANT, name: '' },
    from: sdr,
    recipient: BOT,
    timestamp: new Date(),
    channelData: { channel: { id: CHANNEL }, team: { id: '19:sales-team@thread.tacv2' }, tenant: { id: TENANT } },
    ...fields,
  } as Partial<Activity>;
}

/** A click on an Action.Submit button of the card: a message with the button's data and no text. */
function click(sdr: Sdr, thread: string, cardId: string, data: Record<string, string>): Promise<{ status: number; body: string }> {
  return t.post(fromTeams(sdr, thread, { type: 'message', replyToId: cardId, value: data }));
}

/** A reply in the card's thread, mentioning the bot (bots only receive channel messages that mention them). */
function replyInThread(sdr: Sdr, thread: string, text: string): Promise<{ status: number; body: string }> {
  const mention = '<at>Qualibot</at>';
  return t.post(fromTeams(sdr, thread, { type: 'message', text: `${mention} ${text}`, textFormat: 'plain', entities: [{ type: 'mention', mentioned: BOT, text: mention }] }));
}

describe('SDR takeover from a Teams channel', () => {
  it('posts the lead card, gives the claim to one of two SDRs, relays both ways, and hands back to the bot', async () => {
    const conversationId = `webchat-${randomUUID()}`;
    const handoff = await reachHandoff(conversationId);

    // The proactive card: a new thread in the SDR channel, with the lead, the score rule by rule and the visitor's words.
    await teams.waitFor(() => cardPosts(handoff.id).length > 0);
    const [post] = cardPosts(handoff.id);
    const parameters = post!.body as { isGroup: boolean; channelData: { channel: { id: string }; tenant: { id: string } }; activity: Partial<Activity> };
    expect(parameters).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL }, tenant: { id: TENANT } } });
    const card = cardOf(parameters.activity)!;
    expect(texts(card)[0]).toBe('New lead waiting: 100/100');
    expect(texts(card)).toContain('Score 100/100 · high score · FR');
    expect(facts(card)).toContainEqual({ title: 'challenge', value: expect.stringContaining('“Pas assez de rendez-vous commerciaux”') });
    expect(facts(card)).toContainEqual({ title: 'authority', value: expect.stringContaining('“Je décide”') });
    expect(facts(card).filter((fact) => fact.title === '+25')).toHaveLength(4);
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Claim', style: 'positive', data: { qualibotAction: 'claim', handoffId: handoff.id } },
      { type: 'Action.OpenUrl', title: 'Open in console', url: `${PUBLIC_URL}/sdr#${handoff.id}` },
    ]);

    // What the visitor writes while waiting shows in the card's thread.
    await visitorSays(conversationId, 'Vous êtes là ?');
    const { thread, cardId } = await threadOf('Vous êtes là ?');
    expect(threadTexts(thread)).toContain('**Visitor**: Vous êtes là ?');

    // Marie and Paul click Claim at the same time: exactly one wins, the other is told who has it.
    const clicks = await Promise.all([MARIE, PAUL].map((sdr) => click(sdr, thread, cardId, { qualibotAction: 'claim', handoffId: handoff.id })));
    expect(clicks.map((response) => response.status)).toEqual([200, 200]);
    const claimed = (await t.app.db.handoffs.get(handoff.id))!;
    expect(claimed.status).toBe('live');
    const winner = claimed.sdrName === MARIE.name ? MARIE : PAUL;
    const loser = winner === MARIE ? PAUL : MARIE;
    expect(claimed.sdrId).toBe(`teams:${winner.aadObjectId}`);
    expect(threadTexts(thread).filter((text) => text.includes('already claimed'))).toEqual([`${loser.name}, this lead was already claimed by ${winner.name}.`]);
    expect(visitorTexts(conversationId)).toContain(`${winner.name} a rejoint la conversation.`);

    // The card changes for everyone: who claimed it, and what is left to do.
    await eventually(() => expect(texts(cardUpdates(thread, cardId).at(-1))[0]).toBe(`Claimed by ${winner.name}`));
    expect(cardUpdates(thread, cardId).at(-1)!.actions.map((action) => [action.type, action.title, action.data?.qualibotAction, action.data?.outcome])).toEqual([
      ['Action.Submit', 'Release to the bot', 'release', undefined],
      ['Action.Submit', 'Close: Meeting booked', 'close', 'meeting_booked'],
      ['Action.Submit', 'Close: Accepted', 'close', 'accepted'],
      ['Action.Submit', 'Reject', 'close', 'rejected'], // with the reason chosen in the card's Input.ChoiceSet
      ['Action.OpenUrl', 'Open in console', undefined, undefined],
    ]);

    // The winner's reply in the thread reaches the visitor, signed with their Teams name; the loser's does not.
    expect((await replyInThread(winner, thread, 'Bonjour, je regarde votre projet.')).status).toBe(200);
    await eventually(() => expect(visitorTexts(conversationId)).toContain(`**${winner.name}** : Bonjour, je regarde votre projet.`));
    expect((await replyInThread(loser, thread, 'Je peux aider ?')).status).toBe(200);
    expect(threadTexts(thread)).toContain(`${loser.name}, only ${winner.name}, who claimed this lead, can write to the visitor or close it.`);
    expect(visitorTexts(conversationId).join('\n')).not.toContain('Je peux aider ?');
    // Teams already shows the SDR's own words in the thread: they are not written there a second time.
    expect(threadTexts(thread).join('\n')).not.toContain('je regarde votre projet');
    const transcript = await t.app.db.transcripts.list(conversationId);
    expect(transcript).toContainEqual(expect.objectContaining({ from: 'sdr', author: winner.name, text: 'Bonjour, je regarde votre projet.' }));

    // The visitor's answer appears in the thread.
    await visitorSays(conversationId, 'Super, merci !');
    await eventually(() => expect(threadTexts(thread)).toContain('**Visitor**: Super, merci !'));

    // Release from the card: the bot is back, the card says so, and the bot answers the next message again.
    expect((await click(winner, thread, cardId, { qualibotAction: 'release', handoffId: handoff.id })).status).toBe(200);
    expect((await t.app.db.handoffs.get(handoff.id))!.status).toBe('released');
    expect(visitorTexts(conversationId)).toContain(`C'est de nouveau l'assistant. Merci pour votre échange avec ${winner.name} ! Puis-je vous aider sur autre chose ?`);
    await eventually(() => expect(texts(cardUpdates(thread, cardId).at(-1))[0]).toBe(`Handed back to the bot by ${winner.name}`));
    expect(cardUpdates(thread, cardId).at(-1)!.actions.map((action) => action.type)).toEqual(['Action.OpenUrl']);
    const before = visitorTexts(conversationId).length;
    await visitorSays(conversationId, 'Une dernière question');
    expect(visitorTexts(conversationId).slice(before)).toEqual(["Merci, c'est bien noté. Je transmets à l'équipe."]);

    // Nothing is published for a conversation the bot holds again; give a stray dispatch the time to show up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(threadTexts(thread).join('\n')).not.toContain('Une dernière question');
    expect(cardPosts(handoff.id)).toHaveLength(1);
  });

  it('records the outcome when the holder closes from the card (Action.Execute), and refuses anyone else', async () => {
    const conversationId = `webchat-${randomUUID()}`;
    const handoff = await reachHandoff(conversationId);
    await teams.waitFor(() => cardPosts(handoff.id).length > 0);
    await visitorSays(conversationId, 'Bonjour ?');
    const { thread, cardId } = await threadOf('Bonjour ?');

    // A visitor on another channel cannot pose as the SDR channel: the "click" is just a visitor message.
    const forged = t.activity(conversationId, 'webchat', { type: 'message', value: { qualibotAction: 'claim', handoffId: handoff.id }, channelData: { channel: { id: CHANNEL } } });
    expect((await t.post(forged)).status).toBe(200);
    expect((await t.app.db.handoffs.get(handoff.id))!.status).toBe('queued');

    const execute = (sdr: Sdr, data: Record<string, string>) =>
      t.post(fromTeams(sdr, thread, { type: 'invoke', name: 'adaptiveCard/action', replyToId: cardId, value: { action: { type: 'Action.Execute', verb: data.qualibotAction, data } } }));
    const claim = await execute(MARIE, { qualibotAction: 'claim', handoffId: handoff.id });
    expect(claim.status).toBe(200);
    expect(JSON.parse(claim.body)).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done.' });

    const refused = await execute(PAUL, { qualibotAction: 'close', outcome: 'rejected', handoffId: handoff.id });
    expect(JSON.parse(refused.body).value).toBe('Paul Martin, only Marie Dupont, who claimed this lead, can write to the visitor or close it.');
    expect((await t.app.db.handoffs.get(handoff.id))!.status).toBe('live');

    expect((await execute(MARIE, { qualibotAction: 'close', outcome: 'meeting_booked', handoffId: handoff.id })).status).toBe(200);
    const closed = (await t.app.db.handoffs.get(handoff.id))!;
    expect(closed).toMatchObject({ status: 'closed', outcome: 'meeting_booked', sdrId: 'teams:aad-marie', sdrName: 'Marie Dupont', endReason: 'sdr-closed' });
    const outbox = await t.app.db.outbox.listAbout({ conversationId });
    expect(outbox.find((entry) => entry.idempotencyKey === `${closed.leadId}:outcome:${handoff.id}`)?.payload).toMatchObject({ handoff: { outcome: 'meeting_booked', sdr: { name: 'Marie Dupont' } } });
    expect(visitorTexts(conversationId)).toContain('Marie Dupont a clôturé la conversation. Merci pour cet échange, et à bientôt !');
    await eventually(() => expect(texts(cardUpdates(thread, cardId).at(-1))[0]).toBe('Closed by Marie Dupont: Meeting booked'));
  });

  it('stores the verdict an SDR gives from the card (Reject with a reason, Accept) and shows it in the insights', async () => {
    await t.app.db.sdrs.add({ id: randomUUID(), email: 'manager@prospekt.example', name: 'Manager', passwordHash: await hashPassword('correct horse battery'), roles: ['manager'] });
    const login = await fetch(`${t.app.url}/api/sdr/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'manager@prospekt.example', password: 'correct horse battery' }) });
    const { token } = (await login.json()) as { token: string };
    const insights = async () => (await (await fetch(`${t.app.url}/api/insights`, { headers: { authorization: `Bearer ${token}` } })).json()) as { charts: Array<{ id: string; rows: Array<Record<string, unknown>> }> };
    const rows = (body: Awaited<ReturnType<typeof insights>>, id: string) => body.charts.find((chart) => chart.id === id)!.rows;
    const sqlCount = (body: Awaited<ReturnType<typeof insights>>) => Number(rows(body, 'funnel').find((row) => row.stage === 'sql')!.count);
    const noBudget = (body: Awaited<ReturnType<typeof insights>>) => Number(rows(body, 'rejections').find((row) => row.reason === 'no_budget')?.count ?? 0);
    const before = await insights();

    // Rejected: Marie claims, then picks "No budget" in the card's reason menu and clicks Reject (Action.Submit:
    // Teams posts a message whose value is the button's data merged with the card's inputs).
    const rejectedConversation = `webchat-${randomUUID()}`;
    const rejected = await reachHandoff(rejectedConversation);
    await teams.waitFor(() => cardPosts(rejected.id).length > 0);
    await visitorSays(rejectedConversation, 'Allô ?');
    const card = await threadOf('Allô ?');
    await click(MARIE, card.thread, card.cardId, { qualibotAction: 'claim', handoffId: rejected.id });
    await eventually(() => expect(texts(cardUpdates(card.thread, card.cardId).at(-1))[0]).toBe('Claimed by Marie Dupont'));
    const live = cardUpdates(card.thread, card.cardId).at(-1)!;
    const picker = live.body.find((item) => item.type === 'Input.ChoiceSet' && item.id === 'rejectionReason')!;
    expect(picker.choices!.map((choice) => choice.value)).toContain('no_budget');
    const reject = live.actions.find((action) => action.data?.outcome === 'rejected')!;
    expect((await click(MARIE, card.thread, card.cardId, { ...(reject.data as Record<string, string>), rejectionReason: 'no_budget' })).status).toBe(200);
    expect((await t.app.db.handoffs.get(rejected.id))!).toMatchObject({ status: 'closed', outcome: 'rejected' });
    expect(await t.app.db.feedback.verdictOf(rejected.id)).toMatchObject({ verdict: 'rejected', outcome: 'rejected', reasonId: 'no_budget', via: 'teams', sdrName: 'Marie Dupont' });

    // Accepted: Paul claims and closes with "Accepted" through Action.Execute (the invoke newer Teams clients send).
    const acceptedConversation = `webchat-${randomUUID()}`;
    const accepted = await reachHandoff(acceptedConversation);
    await teams.waitFor(() => cardPosts(accepted.id).length > 0);
    await visitorSays(acceptedConversation, 'Re-bonjour');
    const second = await threadOf('Re-bonjour');
    const execute = (data: Record<string, string>) =>
      t.post(fromTeams(PAUL, second.thread, { type: 'invoke', name: 'adaptiveCard/action', replyToId: second.cardId, value: { action: { type: 'Action.Execute', verb: data.qualibotAction, data } } }));
    expect((await execute({ qualibotAction: 'claim', handoffId: accepted.id })).status).toBe(200);
    expect((await execute({ qualibotAction: 'close', outcome: 'accepted', handoffId: accepted.id })).status).toBe(200);
    expect(await t.app.db.feedback.verdictOf(accepted.id)).toMatchObject({ verdict: 'accepted', outcome: 'accepted', via: 'teams', sdrName: 'Paul Martin' });

    // Both verdicts count in the insights: one more SQL, one more "no budget".
    const after = await insights();
    expect(sqlCount(after)).toBe(sqlCount(before) + 1);
    expect(noBudget(after)).toBe(noBudget(before) + 1);
  });

  it('mirrors a console claim and the console SDR’s messages into the card and its thread', async () => {
    await t.app.db.sdrs.add({ id: randomUUID(), email: 'lea@prospekt.example', name: 'Léa (console)', passwordHash: await hashPassword('correct horse battery') });
    const login = await fetch(`${t.app.url}/api/sdr/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lea@prospekt.example', password: 'correct horse battery' }) });
    const { token } = (await login.json()) as { token: string };
    const api = (path: string, body?: unknown) =>
      fetch(`${t.app.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });

    const conversationId = `webchat-${randomUUID()}`;
    const handoff = await reachHandoff(conversationId);
    await teams.waitFor(() => cardPosts(handoff.id).length > 0);
    expect((await api(`/api/sdr/handoffs/${handoff.id}/claim`)).status).toBe(200);
    expect((await api(`/api/sdr/handoffs/${handoff.id}/messages`, { text: 'Bonjour, Léa de Prospekt.' })).status).toBe(200);

    const { thread, cardId } = await threadOf('Bonjour, Léa de Prospekt.');
    expect(threadTexts(thread)).toContain('**Léa (console)** (to the visitor): Bonjour, Léa de Prospekt.');
    await eventually(() => expect(texts(cardUpdates(thread, cardId).at(-1))[0]).toBe('Claimed by Léa (console)'));
    // A Teams SDR cannot take it over from the console SDR.
    await click(PAUL, thread, cardId, { qualibotAction: 'claim', handoffId: handoff.id });
    expect(threadTexts(thread)).toContain('Paul Martin, this lead was already claimed by Léa (console).');
  });

  it('keeps the SDR channel out of visitor qualification', async () => {
    const topLevel = `${CHANNEL};messageid=${Date.now()}`;
    expect((await replyInThread(MARIE, topLevel, "Bonjour, nos commerciaux n'ont pas assez de rendez-vous.")).status).toBe(200);
    expect(threadTexts(topLevel)).toEqual(['I only relay replies written in a lead’s thread.']);
    expect(await t.app.db.leads.getByConversation(topLevel)).toBeUndefined();
    expect(await t.app.db.transcripts.list(topLevel)).toEqual([]);
    // Joining the team's channel: no greeting, no question.
    const joined = fromTeams(MARIE, CHANNEL, { type: 'conversationUpdate', membersAdded: [{ id: '29:new-sdr', name: 'New SDR' }] });
    expect((await t.post(joined)).status).toBe(200);
    expect(teams.activities(CHANNEL)).toEqual([]);
  });
});
