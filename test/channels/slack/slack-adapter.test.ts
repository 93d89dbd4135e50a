import { ActivityTypes, MessageFactory, TurnContext, type Activity } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../../src/channels/slack/slack-adapter.js';
import { createSlackWebClient } from '../../../src/channels/slack/slack-web-client.js';
import { createLogger } from '../../../src/logger.js';
import { FakeSlackServer } from '../../fakes/fake-slack-server.js';

const logger = createLogger('silent');

describe('SlackAdapter against a fake Slack Web API', () => {
  const slack = new FakeSlackServer();
  const adapterFor = (minSendIntervalMs = 0, token = slack.token) =>
    new SlackAdapter({
      client: createSlackWebClient({ signingSecret: 's', botToken: token, apiUrl: slack.apiUrl, minSendIntervalMs }, logger),
      logger,
      serviceUrl: slack.apiUrl,
      minSendIntervalMs,
    });
  const incoming = (conversationId: string, text = 'hello'): Partial<Activity> => ({
    type: ActivityTypes.Message,
    id: `${Date.now() / 1000}`,
    channelId: 'slack',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'U9', name: 'U9' },
    recipient: { id: slack.botUserId, name: 'Qualibot' },
    text,
  });

  beforeAll(() => slack.start());
  afterAll(() => slack.stop());
  beforeEach(() => {
    slack.calls.length = 0;
  });

  it('posts replies with the bot token: text as mrkdwn, quick replies as buttons, in the conversation’s thread', async () => {
    const adapter = adapterFor();
    const ids: string[] = [];
    await adapter.processActivity(incoming('T1:C1:5.0'), async (context) => {
      const responses = await context.sendActivities([
        { type: ActivityTypes.Typing },
        MessageFactory.suggestedActions(['Yes', 'No'], 'Budget **approved**?'),
      ]);
      ids.push(...responses.map((response) => response.id));
    });
    const posts = slack.callsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.authorization).toBe(`Bearer ${slack.token}`);
    const [message] = slack.posted('C1', '5.0');
    expect(message).toMatchObject({ channel: 'C1', threadTs: '5.0', text: 'Budget *approved*?' });
    expect(message!.blocks?.[1]).toMatchObject({ type: 'actions', elements: [{ value: 'Yes' }, { value: 'No' }] });
    expect(ids).toEqual(['', message!.ts]);
  });

  it('posts at most one message per interval in a channel, without holding up other channels', async () => {
    const adapter = adapterFor(250);
    const sendThree = (conversationId: string) =>
      adapter.processActivity(incoming(conversationId), async (context) => {
        await context.sendActivities([MessageFactory.text('one'), MessageFactory.text('two'), MessageFactory.text('three')]);
      });
    const started = Date.now();
    await Promise.all([sendThree('T1:D1'), adapter.processActivity(incoming('T1:D2'), async (context) => void (await context.sendActivity('other')))]);
    const inD1 = slack.callsOf('chat.postMessage').filter((call) => call.params.channel === 'D1');
    expect(inD1.map((call) => call.params.text)).toEqual(['one', 'two', 'three']);
    expect(inD1[1]!.at - inD1[0]!.at).toBeGreaterThanOrEqual(240);
    expect(inD1[2]!.at - inD1[1]!.at).toBeGreaterThanOrEqual(240);
    const inD2 = slack.callsOf('chat.postMessage').find((call) => call.params.channel === 'D2')!;
    expect(inD2.at - started).toBeLessThan(200);
  });

  it('waits for Retry-After on a 429, then posts the message once', async () => {
    const adapter = adapterFor();
    slack.rateLimit('chat.postMessage', 1);
    await adapter.processActivity(incoming('T1:D3'), async (context) => void (await context.sendActivity('after the limit')));
    const attempts = slack.callsOf('chat.postMessage');
    expect(attempts.map((call) => call.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(slack.posted('D3').map((message) => message.text)).toEqual(['after the limit']);
  });

  it('updates and deletes messages by their ts (chat.update, chat.delete)', async () => {
    const adapter = adapterFor();
    await adapter.processActivity(incoming('T1:C1:5.0'), async (context) => {
      const { id } = (await context.sendActivity('draft'))!;
      await context.updateActivity({ type: 'message', id, text: 'final [link](https://x.io)' });
      await context.deleteActivity(id);
    });
    const [update] = slack.callsOf('chat.update');
    const ts = slack.posted('C1')[0]!.ts;
    expect(update!.params).toMatchObject({ channel: 'C1', ts, text: 'final <https://x.io|link>' });
    expect(slack.callsOf('chat.delete')[0]!.params).toMatchObject({ channel: 'C1', ts });
  });

  it('sends proactive messages into a conversation from its reference (continueConversation)', async () => {
    const adapter = adapterFor();
    const reference = adapter.conversationReference('T1:C9:42.0', slack.botUserId);
    expect(adapter.handles(reference)).toBe(true);
    expect(adapter.handles({ ...reference, serviceUrl: 'https://slack.botframework.com/' })).toBe(false);
    let seen: Partial<Activity> | undefined;
    await adapter.continueConversationAsync('', reference, async (context: TurnContext) => {
      seen = context.activity;
      await context.sendActivity('An SDR will join you');
    });
    expect(seen).toMatchObject({ type: 'event', channelId: 'slack', conversation: { id: 'T1:C9:42.0', conversationType: 'channel' } });
    expect(slack.posted('C9', '42.0').map((message) => message.text)).toEqual(['An SDR will join you']);
  });

  it('refuses a proactive message for a conversation of Azure’s Slack channel (same channel id)', async () => {
    const adapter = adapterFor();
    const azure = { channelId: 'slack', serviceUrl: 'https://slack.botframework.com/', conversation: { id: 'B0BOT:T0TEAM:D0USER', isGroup: false, conversationType: '', name: '' } };
    await expect(adapter.continueConversation(azure, async (context) => void (await context.sendActivity('hi')))).rejects.toThrow(/Bot Framework adapter/);
    expect(slack.callsOf('chat.postMessage')).toEqual([]);
  });

  it('runs the turns of one conversation one at a time', async () => {
    const adapter = adapterFor();
    const log: string[] = [];
    const turn = (name: string, ms: number) => async () => {
      log.push(`${name}+`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`${name}-`);
    };
    await Promise.all([adapter.processActivity(incoming('T1:D4'), turn('first', 40)), adapter.processActivity(incoming('T1:D4'), turn('second', 1))]);
    expect(log).toEqual(['first+', 'first-', 'second+', 'second-']);
  });

  it('hands a failed turn to onTurnError, which can still answer', async () => {
    const adapter = adapterFor();
    adapter.onTurnError = async (context, error) => void (await context.sendActivity(`sorry: ${error.message}`));
    await adapter.processActivity(incoming('T1:D5'), async () => {
      throw new Error('extractor down');
    });
    expect(slack.posted('D5').map((message) => message.text)).toEqual(['sorry: extractor down']);
  });

  it('asks auth.test once for the bot user id', async () => {
    const adapter = adapterFor();
    expect(await adapter.botUserId()).toBe(slack.botUserId);
    expect(await adapter.botUserId()).toBe(slack.botUserId);
    expect(slack.callsOf('auth.test')).toHaveLength(1);
  });

  it('fails the send when Slack refuses the token', async () => {
    const adapter = adapterFor(0, 'xoxb-wrong');
    let failure: unknown;
    adapter.onTurnError = async (_context, error) => void (failure = error);
    await adapter.processActivity(incoming('T1:D6'), async (context) => void (await context.sendActivity('hi')));
    expect(String(failure)).toMatch(/invalid_auth/);
    expect(slack.posted('D6')).toEqual([]);
  });
});
