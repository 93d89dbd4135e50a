import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandoffRecord } from '../../src/storage/ports/handoffs.js';
import { eventCallback, nextTs, startSlackTestApp, type SlackTestApp } from '../channels/slack/slack-test-app.js';
import type { PostedMessage } from '../fakes/fake-slack-server.js';
import { eventually, HOT_ANSWERS_FR } from './helpers/handoff-harness.js';

/**
 * SDR takeover from a Slack channel, through the real app: a visitor qualifies on the `webchat`
 * channel (fake Bot Connector), the SDRs work in a Slack channel of the self-hosted app (fake Slack
 * Web API); their clicks and thread replies arrive signed on /api/slack/interactions and /api/slack/events.
 */

const SDR_CHANNEL = 'C0SDRDESK';
const PUBLIC_URL = 'https://qualibot.example';
const MARIE = { id: 'U0MARIE', name: 'Marie D.' };
const PAUL = { id: 'U0PAUL', name: 'Paul Martin' };
type Sdr = typeof MARIE;

interface Block {
  type: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ type: string; action_id?: string; value?: string; url?: string; style?: string; text: { text: string } }>;
}

const SDR_ENV = { SLACK_SDR_CHANNEL: SDR_CHANNEL, PUBLIC_URL, SDR_LOCALE: 'en', BUSINESS_HOURS: '', HANDOFF_ASSIGNMENT_TIMEOUT_S: '600' };

async function startApp(env: Record<string, string> = {}): Promise<SlackTestApp> {
  const s = await startSlackTestApp({ ...SDR_ENV, ...env });
  s.slack.addUser(MARIE.id, 'Marie Dupont', MARIE.name);
  s.slack.addUser(PAUL.id, PAUL.name);
  return s;
}

async function visitorSays(s: SlackTestApp, conversationId: string, text: string): Promise<void> {
  const response = await s.t.post(s.t.activity(conversationId, 'webchat', { type: 'message', text, locale: 'fr-FR', from: { id: `visitor-${conversationId}`, name: 'Visitor' } }));
  expect(response.status).toBe(200);
}

async function reachHandoff(s: SlackTestApp, conversationId: string): Promise<HandoffRecord> {
  for (const text of ['Bonjour', ...HOT_ANSWERS_FR]) await visitorSays(s, conversationId, text);
  const handoff = (await s.t.app.db.handoffs.list({ conversationId })).at(-1);
  expect(handoff?.status).toBe('queued');
  return handoff!;
}

const visitorTexts = (s: SlackTestApp, conversationId: string) => s.t.connector.messages(conversationId).map((activity) => activity.text ?? '');
const blocksOf = (message: { blocks?: unknown } | undefined) => (message?.blocks ?? []) as Block[];
const buttons = (blocks: Block[]) => blocks.filter((block) => block.type === 'actions').flatMap((block) => block.elements ?? []);
const header = (blocks: Block[]) => blocks.find((block) => block.type === 'header')?.text?.text;

/** The lead card of a handoff in the SDR channel (a top-level message with its Claim button). */
function cardOf(s: SlackTestApp, handoffId: string): PostedMessage | undefined {
  return s.slack.posted(SDR_CHANNEL).find((message) => !message.threadTs && buttons(blocksOf(message)).some((button) => button.value === handoffId));
}

async function waitForCard(s: SlackTestApp, handoffId: string): Promise<PostedMessage> {
  await s.slack.waitFor(() => cardOf(s, handoffId) !== undefined);
  return cardOf(s, handoffId)!;
}

/** `chat.update`s of the card, oldest first. */
const updates = (s: SlackTestApp, ts: string) => s.slack.callsOf('chat.update').filter((call) => call.params.channel === SDR_CHANNEL && call.params.ts === ts && call.response?.ok);
const lastUpdate = (s: SlackTestApp, ts: string) => blocksOf(updates(s, ts).at(-1)?.params);
const threadTexts = (s: SlackTestApp, ts: string) => s.slack.posted(SDR_CHANNEL, ts).map((message) => message.text);

/** A click on a lead-card button, as Slack posts it to the Interactivity URL. */
function click(s: SlackTestApp, sdr: Sdr, card: PostedMessage, actionId: string, handoffId: string, channel = SDR_CHANNEL) {
  return s.postInteraction({
    type: 'block_actions',
    team: { id: s.slack.teamId, domain: 'fake' },
    user: { id: sdr.id, username: sdr.id.toLowerCase(), name: sdr.id.toLowerCase(), team_id: s.slack.teamId },
    api_app_id: 'A0QUALIBOT',
    container: { type: 'message', message_ts: card.ts, channel_id: channel, is_ephemeral: false },
    channel: { id: channel, name: 'sdr-desk' },
    message: { type: 'message', ts: card.ts, text: card.text, blocks: card.blocks },
    response_url: 'https://hooks.slack.invalid/actions/T0FAKE/1/x',
    actions: [{ action_id: actionId, block_id: 'qualibot_sdr', type: 'button', value: handoffId, action_ts: nextTs(), text: { type: 'plain_text', text: actionId } }],
  });
}

/** A message in the card's thread (the Events API `message` event; `app_mention` too when it mentions the bot). */
async function replyInThread(s: SlackTestApp, sdr: Sdr, card: PostedMessage, text: string, options: { mention?: boolean } = {}): Promise<void> {
  const ts = nextTs();
  const body = options.mention ? `<@${s.slack.botUserId}> ${text}` : text;
  const event = { channel: SDR_CHANNEL, channel_type: 'channel', user: sdr.id, text: body, ts, thread_ts: card.ts };
  expect((await s.postEvent(eventCallback(s.slack, { type: 'message', ...event }))).status).toBe(200);
  if (options.mention) expect((await s.postEvent(eventCallback(s.slack, { type: 'app_mention', ...event }))).status).toBe(200);
  await s.settle();
}

const ephemerals = (s: SlackTestApp, user: string) => s.slack.callsOf('chat.postEphemeral').filter((call) => call.params.user === user).map((call) => String(call.params.text));

describe('SDR takeover from a Slack channel', () => {
  let s: SlackTestApp;
  beforeAll(async () => {
    s = await startApp();
  });
  afterAll(() => s?.close());

  it('posts the lead card, gives the claim to one of two SDRs, relays both ways, and hands back to the bot', async () => {
    const conversationId = `webchat-${randomUUID()}`;
    const handoff = await reachHandoff(s, conversationId);

    const card = await waitForCard(s, handoff.id);
    const blocks = blocksOf(card);
    expect(header(blocks)).toBe('New lead waiting: 100/100');
    expect(card.text).toContain('New lead waiting: 100/100');
    const fields = blocks.flatMap((block) => block.fields ?? []).map((field) => field.text);
    expect(fields).toContainEqual(expect.stringMatching(/^\*challenge\*: .*\n> Pas assez de rendez-vous commerciaux$/));
    expect(fields).toContainEqual(expect.stringMatching(/^\*authority\*: .*\n> Je décide$/));
    const reasons = blocks.find((block) => block.text?.text.startsWith('*The score, rule by rule*'))?.text?.text ?? '';
    expect(reasons.match(/`\+25`/g)).toHaveLength(4);
    expect(buttons(blocks).map(({ action_id, value, url, style }) => ({ action_id, value, url, style }))).toEqual([
      { action_id: 'qualibot_claim', value: handoff.id, url: undefined, style: 'primary' },
      { action_id: 'qualibot_open_console', value: undefined, url: `${PUBLIC_URL}/sdr#${handoff.id}`, style: undefined },
    ]);

    // The visitor's messages go into the card's thread.
    await visitorSays(s, conversationId, 'Vous êtes là ?');
    await eventually(() => expect(threadTexts(s, card.ts)).toContain('*Visitor*: Vous êtes là ?'));

    // Marie and Paul click Claim at once: one wins, the other is told privately who has it.
    const clicks = await Promise.all([MARIE, PAUL].map((sdr) => click(s, sdr, card, 'qualibot_claim', handoff.id)));
    expect(clicks.map((response) => response.status)).toEqual([200, 200]);
    await s.settle();
    const claimed = (await s.t.app.db.handoffs.get(handoff.id))!;
    expect(claimed.status).toBe('live');
    const winner = claimed.sdrId === `slack:${MARIE.id}` ? MARIE : PAUL;
    const loser = winner === MARIE ? PAUL : MARIE;
    expect(claimed.sdrName).toBe(winner.name); // the Slack display name, from users.info
    expect(ephemerals(s, loser.id)).toEqual([`${loser.name}, this lead was already claimed by ${winner.name}.`]);
    expect(ephemerals(s, winner.id)).toEqual([]);
    expect(visitorTexts(s, conversationId)).toContain(`${winner.name} a rejoint la conversation.`);

    // chat.update: the card says who has it, for everyone, with the buttons that are left.
    await eventually(() => expect(header(lastUpdate(s, card.ts))).toBe(`Claimed by ${winner.name}`));
    expect(buttons(lastUpdate(s, card.ts)).map((button) => button.action_id)).toEqual([
      'qualibot_release',
      'qualibot_close_meeting_booked',
      'qualibot_close_accepted',
      'qualibot_reject', // the menu of the playbook's rejection reasons
      'qualibot_open_console',
    ]);

    // The holder writes in the thread: the visitor receives it signed with their Slack name.
    await replyInThread(s, winner, card, 'Bonjour, je regarde votre projet.');
    await eventually(() => expect(visitorTexts(s, conversationId)).toContain(`**${winner.name}** : Bonjour, je regarde votre projet.`));
    // Mentioning the bot (Slack sends `message` and `app_mention` for it) still relays it once.
    await replyInThread(s, winner, card, 'Quel est votre budget ?', { mention: true });
    await eventually(() => expect(visitorTexts(s, conversationId).filter((text) => text.endsWith('Quel est votre budget ?'))).toHaveLength(1));
    // A colleague chatting in the thread is not relayed; addressing the bot gets a private explanation.
    await replyInThread(s, loser, card, 'Beau lead !');
    await replyInThread(s, loser, card, 'Je peux aider ?', { mention: true });
    expect(visitorTexts(s, conversationId).join('\n')).not.toMatch(/Beau lead|Je peux aider/);
    expect(ephemerals(s, loser.id).at(-1)).toBe(`${loser.name}, only ${winner.name}, who claimed this lead, can write to the visitor or close it.`);
    // Slack shows the SDR's own words already: they are not posted a second time.
    expect(threadTexts(s, card.ts).join('\n')).not.toContain('je regarde votre projet');

    await visitorSays(s, conversationId, 'Super, merci !');
    await eventually(() => expect(threadTexts(s, card.ts)).toContain('*Visitor*: Super, merci !'));

    // Release from the card: the bot is back for the visitor, and the card says so.
    expect((await click(s, winner, card, 'qualibot_release', handoff.id)).status).toBe(200);
    await s.settle();
    expect((await s.t.app.db.handoffs.get(handoff.id))!.status).toBe('released');
    expect(visitorTexts(s, conversationId)).toContain(`C'est de nouveau l'assistant. Merci pour votre échange avec ${winner.name} ! Puis-je vous aider sur autre chose ?`);
    await eventually(() => expect(header(lastUpdate(s, card.ts))).toBe(`Handed back to the bot by ${winner.name}`));
    expect(buttons(lastUpdate(s, card.ts)).map((button) => button.action_id)).toEqual(['qualibot_open_console']);
    const before = visitorTexts(s, conversationId).length;
    await visitorSays(s, conversationId, 'Une dernière question');
    expect(visitorTexts(s, conversationId).slice(before)).toEqual(["Merci, c'est bien noté. Je transmets à l'équipe."]);
    expect(s.slack.posted(SDR_CHANNEL).filter((message) => !message.threadTs && buttons(blocksOf(message)).some((button) => button.value === handoff.id))).toHaveLength(1);
  });

  it('records the outcome when the holder closes from the card, and refuses anyone else', async () => {
    const conversationId = `webchat-${randomUUID()}`;
    const handoff = await reachHandoff(s, conversationId);
    const card = await waitForCard(s, handoff.id);
    // The same button from outside the SDR channel (a visitor's DM, another channel) claims nothing.
    await click(s, PAUL, card, 'qualibot_claim', handoff.id, 'D0VISITOR');
    await s.settle();
    expect((await s.t.app.db.handoffs.get(handoff.id))!.status).toBe('queued');
    await click(s, MARIE, card, 'qualibot_claim', handoff.id);
    await s.settle();
    await click(s, PAUL, card, 'qualibot_close_rejected', handoff.id);
    await s.settle();
    expect((await s.t.app.db.handoffs.get(handoff.id))!.status).toBe('live');
    expect(ephemerals(s, PAUL.id).at(-1)).toBe('Paul Martin, only Marie D., who claimed this lead, can write to the visitor or close it.');

    await click(s, MARIE, card, 'qualibot_close_meeting_booked', handoff.id);
    await s.settle();
    const closed = (await s.t.app.db.handoffs.get(handoff.id))!;
    expect(closed).toMatchObject({ status: 'closed', outcome: 'meeting_booked', sdrId: `slack:${MARIE.id}`, sdrName: MARIE.name, endReason: 'sdr-closed' });
    const outbox = await s.t.app.db.outbox.listAbout({ conversationId });
    expect(outbox.find((entry) => entry.idempotencyKey === `${closed.leadId}:outcome:${handoff.id}`)?.payload).toMatchObject({ handoff: { outcome: 'meeting_booked', sdr: { name: MARIE.name } } });
    expect(visitorTexts(s, conversationId)).toContain('Marie D. a clôturé la conversation. Merci pour cet échange, et à bientôt !');
    await eventually(() => expect(header(lastUpdate(s, card.ts))).toBe('Closed by Marie D.: Meeting booked'));
  });

  it('keeps the SDR channel out of visitor qualification', async () => {
    const ts = nextTs();
    const mention = { channel: SDR_CHANNEL, channel_type: 'channel', user: MARIE.id, text: `<@${s.slack.botUserId}> Bonjour, nos commerciaux n'ont pas assez de rendez-vous.`, ts };
    await s.postEvent(eventCallback(s.slack, { type: 'app_mention', ...mention }));
    await s.settle();
    expect(s.slack.posted(SDR_CHANNEL, ts)).toEqual([]);
    expect(await s.t.app.db.leads.getByConversation(`${s.slack.teamId}:${SDR_CHANNEL}:${ts}`)).toBeUndefined();
  });
});

describe('SDR channel pacing on Slack', () => {
  let s: SlackTestApp;
  beforeAll(async () => {
    s = await startApp({ SLACK_MIN_SEND_INTERVAL_MS: '300' });
  });
  afterAll(() => s?.close());

  it('waits for Retry-After on a 429 and spaces the messages of the SDR channel', async () => {
    s.slack.rateLimit('chat.postMessage', 1);
    const conversationId = `webchat-${randomUUID()}`;
    const handoff = await reachHandoff(s, conversationId);
    const card = await waitForCard(s, handoff.id);
    const attempts = s.slack.callsOf('chat.postMessage');
    expect(attempts.map((call) => call.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1000);

    await visitorSays(s, conversationId, 'Premier message');
    await visitorSays(s, conversationId, 'Deuxième message');
    await eventually(() => expect(threadTexts(s, card.ts)).toEqual(['*Visitor*: Premier message', '*Visitor*: Deuxième message']));
    const sent = s.slack.callsOf('chat.postMessage').filter((call) => call.status === 200).map((call) => call.at);
    for (let index = 1; index < sent.length; index += 1) expect(sent[index]! - sent[index - 1]!).toBeGreaterThanOrEqual(300 - 5);
  });
});
