import { ConversationState, type TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../../src/i18n/translate.js';
import type { Dimension } from '../../../src/playbook/schema.js';
import type { LeadState } from '../../../src/qualification/lead-state.js';
import type { PostedMessage } from '../../fakes/fake-slack-server.js';
import { loadFixture } from '../fixture.js';
import { eventCallback, nextTs, SIGNING_SECRET, startSlackTestApp, type SlackTestApp } from './slack-test-app.js';

type Block = Record<string, any>;

describe('Slack Events API and interactivity, through the real app', () => {
  let s: SlackTestApp;
  beforeAll(async () => {
    // A Slack visitor whose language neither Slack nor the first message tells is greeted in English here.
    s = await startSlackTestApp({ SLACK_DEFAULT_LOCALE: 'en' });
  });
  afterAll(() => s.close());

  const question = (id: string, locale: 'fr' | 'en' = 'fr') => {
    const dimension = s.t.app.playbook.dimensions.find((candidate: Dimension) => candidate.id === id)!;
    return dimension.question[locale];
  };
  const buttonsOf = (message: PostedMessage | undefined): Block[] =>
    (message?.blocks ?? []).filter((block) => block.type === 'actions').flatMap((block) => block.elements as Block[]);
  /** The lead as the bot stored it (the key computed by botbuilder's own ConversationState). */
  const leadOf = async (conversationId: string): Promise<LeadState | undefined> => {
    const state = new ConversationState(s.t.app.db.state);
    const key = state.getStorageKey({ activity: { channelId: 'slack', conversation: { id: conversationId } } } as TurnContext)!;
    return (await s.t.app.db.state.read([key]))[key]?.lead as LeadState | undefined;
  };

  /** A visitor's DM, as Slack delivers it; returns what the bot posted in answer. */
  async function dm(channel: string, text: string, user = 'U0VISITOR'): Promise<PostedMessage[]> {
    const before = s.slack.posted(channel).length;
    const response = await s.postEvent(eventCallback(s.slack, { type: 'message', channel_type: 'im', channel, user, text, ts: nextTs() }));
    expect(response.status).toBe(200);
    await s.settle();
    return s.slack.posted(channel).slice(before);
  }

  describe('request authenticity', () => {
    const challenge = { token: 'x', challenge: 'a1b2c3-challenge', type: 'url_verification' };

    it('answers the signed url_verification challenge', async () => {
      const response = await s.postEvent(challenge);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ challenge: 'a1b2c3-challenge' });
    });

    it.each([
      ['unsigned', { unsigned: true }],
      ['signed with another secret', { secret: `${SIGNING_SECRET}-forged` }],
      ['signed more than five minutes ago', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
      ['signed in the future', { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 }],
    ])('refuses a request %s with 401, and the bot does nothing', async (_case, options) => {
      const channel = `D0AUTH${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
      expect((await s.postEvent(challenge, options)).status).toBe(401);
      const event = eventCallback(s.slack, { type: 'message', channel_type: 'im', channel, user: 'U0VISITOR', text: 'Hello, we need more meetings', ts: nextTs() });
      expect((await s.postEvent(event, options)).status).toBe(401);
      expect((await s.postInteraction({ type: 'block_actions' }, options)).status).toBe(401);
      await s.settle();
      expect(s.slack.posted(channel)).toEqual([]);
    });

    it('checks the signature over the exact bytes received (multi-byte UTF-8, odd spacing)', async () => {
      const channel = 'D0RAWBYTES';
      const body = `{ "type":"event_callback" ,"team_id":"${s.slack.teamId}","event_id":"EvRAW1","event":{"type":"message","channel_type":"im","channel":"${channel}","user":"U0V","text":"Bonjour 👋, nos commerciaux n’ont plus assez de rendez-vous","ts":"${nextTs()}"}}`;
      expect((await s.postEvent(body)).status).toBe(200);
      await s.settle();
      expect(s.slack.posted(channel).length).toBeGreaterThan(0);
    });
  });

  it('qualifies a lead in a DM end to end: greeting, questions with buttons, route announced', async () => {
    const channel = 'D0HOTLEAD';
    const opening = await dm(channel, "Bonjour, nos commerciaux n'ont pas assez de rendez-vous.");
    const playbook = s.t.app.playbook;
    // Greeting and notice in one message, two paragraphs; the notice's Markdown link arrives as a Slack link.
    const [greeting, notice] = opening[0]!.text!.split('\n\n');
    expect(greeting).toBe(playbook.messages.greeting.fr);
    expect(notice).toMatch(/<https:\/\/prospekt\.example\/confidentialite\|confidentialité>/);
    expect(opening.at(-1)!.text).toContain(question('company'));
    expect(buttonsOf(opening.at(-1)).map((button) => button.value)).toContain('50 à 250 salariés');
    for (const message of opening) expect(message.threadTs).toBeUndefined();

    expect((await dm(channel, 'Éditeur de logiciel, 140 salariés.')).at(-1)!.text).toContain(question('authority'));
    expect((await dm(channel, 'Je suis directrice commerciale, je valide les prestataires.')).at(-1)!.text).toContain(question('money'));
    expect((await dm(channel, 'Nous avons 4 000 € par mois de budget prévu.')).at(-1)!.text).toContain(question('prioritization'));
    // The route is announced (the handoff module may add its own notice after it).
    const closing = await dm(channel, 'Nous voulons démarrer d’ici un mois.');
    const outcome = closing.find((message) => message.text === playbook.messages.outcome.handoff.fr);
    expect(outcome).toBeDefined();
    expect(outcome!.blocks).toBeUndefined();

    const lead = await leadOf(`${s.slack.teamId}:${channel}`);
    expect(lead?.decision).toMatchObject({ route: 'handoff', handoffReason: 'high_score' });
    expect(lead?.channel).toBe('slack');
  });

  it('handles a retried event (same event_id, X-Slack-Retry-Num) once', async () => {
    const channel = 'D0RETRY';
    const event = eventCallback(s.slack, { type: 'message', channel_type: 'im', channel, user: 'U0V', text: 'Hi, we need more qualified meetings for our sales team.', ts: nextTs() });
    expect((await s.postEvent(event)).status).toBe(200);
    await s.settle();
    const answered = s.slack.posted(channel).length;
    expect(answered).toBeGreaterThan(0);
    expect((await s.postEvent(event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
    expect((await s.postEvent(event, { headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
    await s.settle();
    expect(s.slack.posted(channel)).toHaveLength(answered);
    // English detected from the first message (Slack sends no locale).
    expect(firstParagraph(s.slack.posted(channel)[0]!.text)).toBe(s.t.app.playbook.messages.greeting.en);
  });

  // RATE_LIMIT_MESSAGES_PER_MINUTE holds on every channel (#21): self-hosted Slack runs the same limit as /api/messages.
  it('reads at most RATE_LIMIT_MESSAGES_PER_MINUTE messages a minute from one DM, with one kind reply for the flood', async () => {
    const channel = 'D0FLOOD';
    for (let index = 0; index < 24; index += 1) {
      const text = index === 0 ? 'Hi, we need more qualified meetings for our sales team.' : `message ${index}`;
      expect((await s.postEvent(eventCallback(s.slack, { type: 'message', channel_type: 'im', channel, user: 'U0FLOOD', text, ts: nextTs() }))).status).toBe(200);
    }
    await s.settle();
    const texts = s.slack.posted(channel).map((message) => message.text);
    expect(texts.filter((text) => text === translate('bot.rateLimited', 'en'))).toHaveLength(1);
    const refusals = (await s.t.app.metrics.registry.getSingleMetric('qualibot_rate_limited_total')!.get()).values;
    expect(refusals.find((sample) => sample.labels.limit === 'conversation')?.value).toBe(4);
  });

  it('ignores the bot’s own messages, edits and plain channel chatter', async () => {
    const before = s.slack.calls.length;
    const events = [
      { type: 'message', channel_type: 'im', channel: 'D0ECHO', bot_id: 'B0QUALIBOT', user: s.slack.botUserId, text: 'Hello!', ts: nextTs() },
      { type: 'message', subtype: 'message_changed', channel_type: 'im', channel: 'D0ECHO', ts: nextTs() },
      { type: 'message', channel_type: 'channel', channel: 'C0CHATTER', user: 'U0V', text: 'lunch anyone?', ts: nextTs() },
    ];
    for (const event of events) expect((await s.postEvent(eventCallback(s.slack, event))).status).toBe(200);
    await s.settle();
    expect(s.slack.calls.slice(before).filter((call) => call.method.startsWith('chat.'))).toEqual([]);
  });

  it('turns a button click into the answer, marks the question answered, and takes one answer per question', async () => {
    const channel = 'D0BUTTONS';
    const opening = await dm(channel, "Bonjour, nos commerciaux n'ont pas assez de rendez-vous.");
    const asked = opening.at(-1)!;
    const button = buttonsOf(asked).find((candidate) => candidate.value === '50 à 250 salariés')!;
    const click = {
      type: 'block_actions',
      team: { id: s.slack.teamId, domain: 'fake' },
      user: { id: 'U0VISITOR', username: 'anna', name: 'anna', team_id: s.slack.teamId },
      api_app_id: 'A0QUALIBOT',
      container: { type: 'message', message_ts: asked.ts, channel_id: channel, is_ephemeral: false },
      channel: { id: channel, name: 'directmessage' },
      message: { type: 'message', ts: asked.ts, text: asked.text, blocks: asked.blocks, bot_id: 'B0QUALIBOT' },
      response_url: 'https://hooks.slack.invalid/actions/1',
      actions: [{ type: 'button', action_id: button.action_id, block_id: 'qualibot.replies', value: button.value, text: { type: 'plain_text', text: button.text.text }, action_ts: nextTs() }],
    };
    const updatesBefore = s.slack.callsOf('chat.update').length;
    expect((await s.postInteraction(click)).status).toBe(200);
    await s.settle();

    const next = s.slack.posted(channel).slice(opening.length);
    expect(next.at(-1)!.text).toContain(question('authority'));
    const [update] = s.slack.callsOf('chat.update').slice(updatesBefore);
    expect(update!.params).toMatchObject({ channel, ts: asked.ts });
    const blocks = update!.params.blocks as Block[];
    expect(blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks.at(-1))).toContain('50 à 250 salariés');
    const lead = await leadOf(`${s.slack.teamId}:${channel}`);
    expect(lead?.sheet.facts.company?.value).toBe('in_icp');

    // A second click on the same question (double click, another device) changes nothing.
    const posted = s.slack.posted(channel).length;
    expect((await s.postInteraction({ ...click, actions: [{ ...click.actions[0]!, action_ts: nextTs() }] })).status).toBe(200);
    await s.settle();
    expect(s.slack.posted(channel)).toHaveLength(posted);
  });

  it('answers a channel mention in a thread, with the mention stripped before extraction', async () => {
    const channel = 'C0SALES';
    const root = nextTs();
    const mention = (text: string, ts: string, threadTs?: string) =>
      s.postEvent(eventCallback(s.slack, { type: 'app_mention', channel, user: 'U0VISITOR', text, ts, ...(threadTs ? { thread_ts: threadTs } : {}) }));
    expect((await mention(`<@${s.slack.botUserId}> Bonjour, nos commerciaux n'ont pas assez de rendez-vous.`, root)).status).toBe(200);
    // Slack also delivers the same message as channel chatter: it must not be answered twice.
    await s.postEvent(eventCallback(s.slack, { type: 'message', channel_type: 'channel', channel, user: 'U0VISITOR', text: `<@${s.slack.botUserId}> Bonjour`, ts: root }));
    await s.settle();
    const opening = s.slack.posted(channel);
    expect(opening.map((message) => message.threadTs)).toEqual(opening.map(() => root));
    expect(firstParagraph(opening[0]!.text)).toBe(s.t.app.playbook.messages.greeting.fr);
    expect(opening.at(-1)!.text).toContain(question('company'));

    expect((await mention(`<@${s.slack.botUserId}> Éditeur de logiciel, 140 salariés.`, nextTs(), root)).status).toBe(200);
    await s.settle();
    expect(s.slack.posted(channel, root).at(-1)!.text).toContain(question('authority'));

    const lead = await leadOf(`${s.slack.teamId}:${channel}:${root}`);
    expect(lead?.sheet.facts.company).toMatchObject({ value: 'in_icp', headcount: 140 });
    expect(lead?.history.join(' ')).not.toMatch(/<@|U0QUALIBOT/);
    expect(lead?.history[1]).toBe('Éditeur de logiciel, 140 salariés.');
  });

  describe('recorded payloads (fixtures/, after Slack\'s docs and @slack/bolt tests)', () => {
    /** A fixture as a new delivery: fresh event id and ts, the event's fields overridden. */
    const replay = (name: string, event: Record<string, unknown> = {}): Record<string, any> => {
      const envelope = loadFixture(new URL(`./fixtures/${name}`, import.meta.url));
      const ts = nextTs();
      return { ...envelope, event_id: `Ev${ts.replace('.', '')}`, event: { ...envelope.event, ts, event_ts: ts, ...event } };
    };
    const greetingOf = (messages: PostedMessage[]) => firstParagraph(messages[0]?.text);

    it('answers a DM written in a thread in that thread, and keeps the DM one lead', async () => {
      const payload = replay('im-message-in-thread.json', { channel: 'D0THREADED' });
      expect((await s.postEvent(payload)).status).toBe(200);
      await s.settle();
      const replies = s.slack.posted('D0THREADED');
      // Greeting (with the notice) and the first question.
      expect(replies.length).toBeGreaterThanOrEqual(2);
      expect(replies.map((message) => message.threadTs)).toEqual(replies.map(() => payload.event.thread_ts));
      expect(greetingOf(replies)).toBe(s.t.app.playbook.messages.greeting.en);

      // The next message, at the top level of the DM, continues the same lead there.
      const topLevel = replay('im-message-in-thread.json', { channel: 'D0THREADED', thread_ts: undefined, text: 'Software publisher, 140 employees.' });
      expect((await s.postEvent(topLevel)).status).toBe(200);
      await s.settle();
      const next = s.slack.posted('D0THREADED').slice(replies.length);
      expect(next.length).toBeGreaterThan(0);
      expect(next.map((message) => message.threadTs)).toEqual(next.map(() => undefined));
      const lead = await leadOf(`${payload.team_id}:D0THREADED`);
      expect(lead?.history).toEqual([payload.event.text, 'Software publisher, 140 employees.']);
    });

    it('leaves no stray punctuation where the bot is mentioned mid-sentence, in what is read and stored', async () => {
      const payload = replay('app-mention-mid-sentence.json', { channel: 'C0PEARL' });
      expect((await s.postEvent(payload)).status).toBe(200);
      await s.settle();
      const conversationId = `${payload.team_id}:C0PEARL:${payload.event.ts}`;
      expect((await leadOf(conversationId))?.history).toEqual(['What is the hour of the pearl?']);
      const stored = (await s.t.app.db.transcripts.list(conversationId)).filter((line) => line.from === 'visitor');
      expect(stored.map((line) => line.text)).toEqual(['What is the hour of the pearl?']);
    });

    it("greets in the user's Slack locale before guessing from the text, asking Slack once per user", async () => {
      s.slack.addUser('U0CAMILLE', 'Camille Durand', 'camille', 'fr-FR');
      s.slack.addUser('U0JORDAN', 'Jordan Lee', 'jordan', 'en-US');
      const lookupsBefore = s.slack.callsOf('users.info').length;
      for (const [user, channel] of [['U0CAMILLE', 'D0CAMILLE'], ['U0JORDAN', 'D0JORDAN'], ['U0JORDAN', 'D0JORDAN2']]) {
        expect((await s.postEvent(replay('im-message-short.json', { user, channel }))).status).toBe(200);
      }
      await s.settle();
      const { greeting } = s.t.app.playbook.messages;
      // "Check time off balance" tells no language: Slack's locale decides, even against SLACK_DEFAULT_LOCALE.
      expect(greetingOf(s.slack.posted('D0CAMILLE'))).toBe(greeting.fr);
      expect(greetingOf(s.slack.posted('D0JORDAN'))).toBe(greeting.en);
      expect(greetingOf(s.slack.posted('D0JORDAN2'))).toBe(greeting.en);
      const lookups = s.slack.callsOf('users.info').slice(lookupsBefore);
      expect(lookups.map((call) => [call.params.user, call.params.include_locale])).toEqual([
        ['U0CAMILLE', 'true'],
        ['U0JORDAN', 'true'],
      ]);
    });

    it('falls back to SLACK_DEFAULT_LOCALE when Slack has no locale for the user or does not answer in time', async () => {
      s.slack.hang('users.info', (params) => params.user === 'U0HANGING');
      for (const [user, channel] of [['U0UNKNOWN', 'D0UNKNOWN'], ['U0HANGING', 'D0HANGING']]) {
        expect((await s.postEvent(replay('im-message-short.json', { user, channel }))).status).toBe(200);
      }
      await s.settle();
      expect(greetingOf(s.slack.posted('D0UNKNOWN'))).toBe(s.t.app.playbook.messages.greeting.en);
      expect(greetingOf(s.slack.posted('D0HANGING'))).toBe(s.t.app.playbook.messages.greeting.en);
    });
  });
});

describe('Slack acknowledgement and rate limits', () => {
  it('answers 200 before the turn is done (Slack wants an answer within 3 s)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const s = await startSlackTestApp(
      {},
      { extractor: { name: 'gated', extract: async () => (await gate, { facts: [], knockouts: [], contact: {}, usage: { llmCalls: 0, tokensIn: 0, tokensOut: 0 }, extractor: 'gated' }) } },
    );
    try {
      const started = Date.now();
      const event = eventCallback(s.slack, { type: 'message', channel_type: 'im', channel: 'D0SLOW', user: 'U0V', text: 'We need more meetings', ts: nextTs() });
      expect((await s.postEvent(event)).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000);
      // The greeting may already be out, the answer to the message is not: the extractor is still working.
      const posted = s.slack.posted('D0SLOW').length;
      release();
      await s.settle();
      expect(s.slack.posted('D0SLOW').length).toBeGreaterThan(posted);
    } finally {
      release();
      await s.close();
    }
  });

  it('spaces messages to a channel and waits for Retry-After when Slack answers 429', async () => {
    const s = await startSlackTestApp({ SLACK_MIN_SEND_INTERVAL_MS: '300' });
    try {
      s.slack.rateLimit('chat.postMessage', 1);
      const event = eventCallback(s.slack, { type: 'message', channel_type: 'im', channel: 'D0LIMITED', user: 'U0V', text: 'Hi, we need more qualified meetings for our sales team.', ts: nextTs() });
      expect((await s.postEvent(event)).status).toBe(200);
      await s.settle();
      const attempts = s.slack.callsOf('chat.postMessage');
      expect(attempts[0]!.status).toBe(429);
      expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1000);
      const delivered = attempts.filter((call) => call.status === 200);
      expect(delivered.map((call) => call.params.text)).toEqual(s.slack.posted('D0LIMITED').map((message) => message.text));
      expect(firstParagraph(delivered[0]!.params.text as string)).toBe(s.t.app.playbook.messages.greeting.en);
      // Greeting (with the notice) and the first question, paced.
      expect(delivered.length).toBeGreaterThanOrEqual(2);
      for (let index = 1; index < delivered.length; index++) expect(delivered[index]!.at - delivered[index - 1]!.at).toBeGreaterThanOrEqual(290);
    } finally {
      await s.close();
    }
  });
});

/** The bot's opening message carries the greeting, then the notice, as two paragraphs. */
function firstParagraph(text: string | undefined): string | undefined {
  return text?.split('\n\n')[0];
}
