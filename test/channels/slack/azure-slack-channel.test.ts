import type { Activity, CardAction } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

type QualibotData = { ask?: string; route?: string };
const qualibot = (activity: Partial<Activity> | undefined) => (activity?.channelData as { qualibot?: QualibotData } | undefined)?.qualibot;

/**
 * Slack through Azure Bot Service: activities on /api/messages shaped as that channel sends them
 * (ids `bot:team:channel`, no locale, the Slack event in channelData). It renders card buttons but
 * no suggested actions, so quick replies must arrive as a card.
 */
describe('Slack through Azure Bot Service (/api/messages, channelId slack)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const slackActivity = (conversationId: string, text: string): Partial<Activity> => {
    const activity = t.activity(conversationId, 'slack', {
      type: 'message',
      text,
      from: { id: 'U0ANNA:T0ACME', name: 'anna' },
      recipient: { id: 'B0QUALI:T0ACME', name: 'qualibot' },
      channelData: { SlackMessage: { type: 'event_callback', event: { type: 'message', channel_type: 'im', text } }, ApiToken: 'xoxb-redacted' },
    });
    delete activity.locale;
    return activity;
  };

  async function say(conversationId: string, text: string): Promise<Partial<Activity>[]> {
    const before = t.connector.messages(conversationId).length;
    expect((await t.post(slackActivity(conversationId, text))).status).toBe(200);
    return t.connector.messages(conversationId).slice(before);
  }

  const buttons = (activity: Partial<Activity> | undefined): CardAction[] =>
    ((activity?.attachments?.[0]?.content as { buttons?: CardAction[] } | undefined)?.buttons ?? []);

  it('asks with card buttons (no suggested actions), and a clicked button answers the question', async () => {
    const conversationId = 'B0QUALI:T0ACME:D0ANNA';
    const opening = await say(conversationId, 'Hi, we need more qualified meetings for our sales team.');
    expect(opening[0]?.text).toMatch(/Hello/);
    const asked = opening.at(-1);
    expect(qualibot(asked)?.ask).toBe('company');
    expect(asked?.suggestedActions).toBeUndefined();
    expect(asked?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.hero');
    const choice = buttons(asked).find((button) => button.title === '50 to 250 employees');
    expect(choice).toMatchObject({ type: 'imBack', value: '50 to 250 employees' });
    for (const message of opening) expect(message.suggestedActions).toBeUndefined();

    // Azure's Slack channel turns an imBack click into a message whose text is the button value.
    const next = await say(conversationId, String(choice!.value));
    expect(qualibot(next.at(-1))?.ask).toBe('authority');
    expect(buttons(next.at(-1)).map((button) => button.value)).toContain('I make the decision');
  });
});
