import { randomUUID } from 'node:crypto';
import { ConversationState, type Activity, type TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadState } from '../../../src/qualification/lead-state.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { loadFixture } from '../fixture.js';

type QualibotData = { ask?: string; route?: string; handoffReason?: string };
const qualibot = (activity: Partial<Activity> | undefined) => (activity?.channelData as { qualibot?: QualibotData } | undefined)?.qualibot;
const BOT = { id: '28:qualibot-bot-id', name: 'Qualibot' };
const TEAMS_DATA = { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:general@thread.tacv2' } };

describe('Microsoft Teams through /api/messages (channelId msteams)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const teamsActivity = (conversationId: string, fields: Partial<Activity>, conversationType: 'personal' | 'channel' = 'personal') =>
    t.activity(conversationId, 'msteams', {
      recipient: BOT,
      from: { id: '29:visitor', name: 'Anna Martin' },
      conversation: { id: conversationId, conversationType, isGroup: conversationType !== 'personal', tenantId: 'tenant-1', name: '' },
      channelData: conversationType === 'channel' ? TEAMS_DATA : { tenant: TEAMS_DATA.tenant },
      ...fields,
    });

  /** Sends one activity and returns the bot messages the connector received for it. */
  async function send(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    const before = t.connector.messages(activity.conversation!.id).length;
    expect((await t.post(activity)).status).toBe(200);
    return t.connector.messages(activity.conversation!.id).slice(before);
  }

  /** The lead as the bot stored it (the key computed by botbuilder's own ConversationState). */
  const leadOf = async (conversationId: string): Promise<LeadState | undefined> => {
    const state = new ConversationState(t.app.db.state);
    const key = state.getStorageKey({ activity: { channelId: 'msteams', conversation: { id: conversationId } } } as TurnContext)!;
    return (await t.app.db.state.read([key]))[key]?.lead as LeadState | undefined;
  };

  /** The quick-reply buttons of a Teams question: Action.Submit with `msteams.imBack` data. */
  const cardActions = (activity: Partial<Activity> | undefined) =>
    ((activity?.attachments?.[0]?.content as { actions?: Array<{ type: string; title: string; data: { msteams: { type: string; value: string } } }> })?.actions ?? []);

  it('qualifies in a personal chat, answering by card clicks and by typing', async () => {
    const conversationId = `a:personal-${randomUUID()}`;
    const opening = await send(teamsActivity(conversationId, { type: 'message', text: "Bonjour, nos commerciaux n'ont pas assez de rendez-vous.", locale: 'fr-FR' }));
    expect(opening[0]?.text).toMatch(/Bonjour/);
    const companyQuestion = opening.at(-1);
    expect(qualibot(companyQuestion)?.ask).toBe('company');
    expect(companyQuestion?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const button = cardActions(companyQuestion).find((action) => action.title === '50 à 250 salariés')!;
    expect(button).toMatchObject({ type: 'Action.Submit', data: { msteams: { type: 'imBack', value: '50 à 250 salariés' } } });

    // Teams turns an imBack click into a plain message with the button's value as text.
    const afterClick = await send(teamsActivity(conversationId, { type: 'message', text: button.data.msteams.value, locale: 'fr-FR' }));
    expect(qualibot(afterClick.at(-1))?.ask).toBe('authority');

    // A submit that arrives with the card data only (no text) is read as the same answer.
    const decide = cardActions(afterClick.at(-1)).find((action) => action.title === 'Je décide')!;
    const afterValueSubmit = await send(teamsActivity(conversationId, { type: 'message', value: decide.data, locale: 'fr-FR' }));
    expect(qualibot(afterValueSubmit.at(-1))?.ask).toBe('money');

    // As does custom card data carrying a text-like field.
    const afterCustomSubmit = await send(teamsActivity(conversationId, { type: 'message', value: { answer: 'Oui, budget validé' }, locale: 'fr-FR' }));
    expect(qualibot(afterCustomSubmit.at(-1))?.ask).toBe('prioritization');

    const closing = await send(teamsActivity(conversationId, { type: 'message', text: 'Nous voulons démarrer d’ici un mois.', locale: 'fr-FR' }));
    const outcome = closing.find((activity) => qualibot(activity)?.route);
    expect(qualibot(outcome)).toMatchObject({ route: 'handoff', handoffReason: 'high_score' });
    const lead = await leadOf(conversationId);
    expect(lead?.sheet.facts.authority?.value).toBe('decision_maker');
    expect(lead?.sheet.facts.money?.value).toBe('allocated');
  });

  it('strips the <at>Qualibot</at> mention of a channel message before reading it', async () => {
    const conversationId = `19:general@thread.tacv2;messageid=${Date.now()}`;
    const mention = (text: string) =>
      teamsActivity(
        conversationId,
        {
          type: 'message',
          text: `<at>Qualibot</at> ${text}`,
          locale: 'fr-FR',
          entities: [{ type: 'mention', mentioned: BOT, text: '<at>Qualibot</at>' }],
        },
        'channel',
      );
    const opening = await send(mention("Bonjour, nos commerciaux n'ont pas assez de rendez-vous."));
    expect(qualibot(opening.at(-1))?.ask).toBe('company');
    expect(qualibot((await send(mention('Éditeur de logiciel, 140 salariés.'))).at(-1))?.ask).toBe('authority');

    const lead = await leadOf(conversationId);
    expect(lead?.sheet.facts.company).toMatchObject({ value: 'in_icp', headcount: 140 });
    expect(lead?.history).toEqual(["Bonjour, nos commerciaux n'ont pas assez de rendez-vous.", 'Éditeur de logiciel, 140 salariés.']);
    expect(JSON.stringify(lead?.sheet.facts)).not.toMatch(/<at>|Qualibot/);
  });

  it('broadcasts no greeting when the bot or a member is added to a team channel', async () => {
    const conversationId = `19:general@thread.tacv2-${randomUUID()}`;
    const botAdded = teamsActivity(
      conversationId,
      { type: 'conversationUpdate', membersAdded: [BOT], channelData: { ...TEAMS_DATA, eventType: 'teamMemberAdded' } },
      'channel',
    );
    expect(await send(botAdded)).toEqual([]);
    const memberAdded = teamsActivity(
      conversationId,
      { type: 'conversationUpdate', membersAdded: [{ id: '29:new-colleague', name: 'Paul' }], channelData: { ...TEAMS_DATA, eventType: 'teamMemberAdded' } },
      'channel',
    );
    expect(await send(memberAdded)).toEqual([]);
    expect(t.connector.activities(conversationId)).toEqual([]);
  });

  describe('recorded activities (fixtures/, after the Teams docs and botbuilder-js tests)', () => {
    /** A fixture as a new delivery to the fake Bot Connector, in the given conversation. */
    const replay = (name: string, conversationId?: string): Partial<Activity> => {
      const activity = loadFixture<Partial<Activity>>(new URL(`./fixtures/${name}`, import.meta.url));
      return {
        ...activity,
        id: randomUUID(),
        serviceUrl: t.connector.url,
        conversation: { ...activity.conversation!, ...(conversationId ? { id: conversationId } : {}) },
      };
    };

    it('stores what was said without the <at> mention markup or the punctuation a mid-sentence mention leaves', async () => {
      const conversationId = `19:3d6fb4c3a1ec4a3b8d2c8bfc4fcf2c6e@thread.tacv2;messageid=${Date.now()}`;
      expect((await send(replay('channel-message-mention.json', conversationId))).length).toBeGreaterThan(0);
      expect((await send(replay('channel-message-mid-sentence-mention.json', conversationId))).length).toBeGreaterThan(0);

      const said = ['reply to thread', 'What is the hour of the pearl?'];
      const stored = await t.app.db.transcripts.list(conversationId);
      expect(stored.filter((line) => line.from === 'visitor').map((line) => line.text)).toEqual(said);
      expect(JSON.stringify(stored)).not.toMatch(/<at>|<\/at>|schema\.skype\.com/);
      expect((await leadOf(conversationId))?.history).toEqual(said);
    });

    it('answers an invoke it does not implement with 501 not_implemented, naming nothing internal', async () => {
      const invoke = replay('invoke-compose-extension-query.json', `19:3d6fb4c3a1ec4a3b8d2c8bfc4fcf2c6e@thread.tacv2;messageid=${Date.now()}`);
      const response = await t.post(invoke);
      expect(response.status).toBe(501);
      expect(JSON.parse(response.body)).toEqual({ error: { code: 'not_implemented', message: 'Not implemented.' } });
      expect(t.connector.activities(invoke.conversation!.id)).toEqual([]);
    });
  });

  it('greets a person who opens a personal chat with the bot', async () => {
    const conversationId = `a:install-${randomUUID()}`;
    const messages = await send(teamsActivity(conversationId, { type: 'conversationUpdate', locale: 'en-US', membersAdded: [{ id: '29:visitor', name: 'Anna' }] }));
    expect(messages[0]?.text).toMatch(/Hello/);
    expect(qualibot(messages.at(-1))?.ask).toBe('challenge');
  });
});
