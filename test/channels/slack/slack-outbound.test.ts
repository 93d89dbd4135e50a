import { ActionTypes, CardFactory, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { answeredBlocks, toSlackMessage } from '../../../src/channels/slack/slack-outbound.js';

type Block = Record<string, any>;

describe('toSlackMessage', () => {
  it('sends plain text (as mrkdwn) without blocks when there is nothing to click', () => {
    expect(toSlackMessage({ type: 'message', text: 'See [our guide](https://x.io/guide) & more' })).toEqual({ text: 'See <https://x.io/guide|our guide> &amp; more' });
  });

  it('renders suggested actions as Block Kit buttons whose value is the text to send back', () => {
    const activity: Partial<Activity> = {
      type: 'message',
      text: 'Roughly how many employees?',
      suggestedActions: {
        to: [],
        actions: [
          { type: ActionTypes.ImBack, title: '10 to 50 employees', value: '10 to 50 employees' },
          { type: ActionTypes.ImBack, title: 'More than 250', value: 'More than 250 employees' },
        ],
      },
    };
    const message = toSlackMessage(activity)!;
    expect(message.text).toBe('Roughly how many employees?');
    const [section, actions] = message.blocks as Block[];
    expect(section).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Roughly how many employees?' } });
    expect(actions!.type).toBe('actions');
    expect(actions!.elements.map((button: Block) => [button.type, button.text.text, button.value])).toEqual([
      ['button', '10 to 50 employees', '10 to 50 employees'],
      ['button', 'More than 250', 'More than 250 employees'],
    ]);
    expect(new Set(actions!.elements.map((button: Block) => button.action_id)).size).toBe(2);
  });

  it('turns our Teams quick-reply Adaptive Card back into buttons (imBack values)', () => {
    const card = CardFactory.adaptiveCard({
      type: 'AdaptiveCard',
      version: '1.4',
      body: [],
      actions: [{ type: 'Action.Submit', title: 'Je décide', data: { msteams: { type: 'imBack', value: 'Je décide' } } }],
    });
    const message = toSlackMessage({ type: 'message', text: 'Quel est votre rôle ?', attachments: [card] })!;
    expect((message.blocks as Block[])[1]!.elements[0]).toMatchObject({ text: { text: 'Je décide' }, value: 'Je décide' });
  });

  it('degrades other Adaptive Card content to text: text blocks, fact sets (nested), links', () => {
    const card = CardFactory.adaptiveCard({
      type: 'AdaptiveCard',
      version: '1.4',
      body: [
        { type: 'TextBlock', text: '**New lead** from Acme' },
        { type: 'Container', items: [{ type: 'FactSet', facts: [{ title: 'Score', value: '85' }] }] },
        { type: 'Image', url: 'https://x.io/logo.png' },
      ],
      actions: [{ type: 'Action.OpenUrl', title: 'Open CRM', url: 'https://crm.example/lead/1' }],
    });
    expect(toSlackMessage({ type: 'message', attachments: [card] })).toEqual({ text: '*New lead* from Acme\n*Score* 85\n<https://crm.example/lead/1|Open CRM>' });
  });

  it('keeps a hero card readable with its buttons', () => {
    const hero = CardFactory.heroCard('Our guide', 'How to structure prospecting', [], [{ type: ActionTypes.ImBack, title: 'Send it', value: 'Send me the guide' }]);
    const message = toSlackMessage({ type: 'message', attachments: [hero] })!;
    expect(message.text).toBe('Our guide\nHow to structure prospecting');
    expect((message.blocks as Block[])[1]!.elements[0].value).toBe('Send me the guide');
  });

  it('respects Slack limits: long button labels clipped, more than 25 buttons split across blocks, long text split', () => {
    const actions = Array.from({ length: 30 }, (_, index) => ({ type: ActionTypes.ImBack, title: `${'x'.repeat(100)}${index}`, value: `v${index}` }));
    const message = toSlackMessage({ type: 'message', text: 'y'.repeat(3500), suggestedActions: { to: [], actions } })!;
    const blocks = message.blocks as Block[];
    expect(blocks.map((block) => block.type)).toEqual(['section', 'section', 'actions', 'actions']);
    expect(blocks[0]!.text.text).toHaveLength(3000);
    expect(blocks[2]!.elements).toHaveLength(25);
    expect(blocks[3]!.elements).toHaveLength(5);
    expect(blocks[2]!.elements[0].text.text.length).toBeLessThanOrEqual(75);
    const ids = [...blocks[2]!.elements, ...blocks[3]!.elements].map((button: Block) => button.action_id);
    expect(new Set(ids).size).toBe(30);
    expect(blocks[2]!.block_id).not.toBe(blocks[3]!.block_id);
  });

  it('sends nothing for an empty message', () => {
    expect(toSlackMessage({ type: 'message', text: '  ' })).toBeUndefined();
  });
});

describe('answeredBlocks', () => {
  it('keeps the question, drops its buttons and shows the answer chosen', () => {
    const question = { type: 'section', text: { type: 'mrkdwn', text: 'Budget?' } };
    const blocks = answeredBlocks([question, { type: 'actions', elements: [] }], 'Budget?', 'Yes <approved>');
    expect(blocks).toEqual([question, { type: 'context', elements: [{ type: 'mrkdwn', text: '✓ *Yes &lt;approved&gt;*' }] }]);
  });
});
