import * as agents from '@microsoft/agents-activity';
import * as botbuilder from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../src/channels/activity.js';
import { ActionTypes, ActivityTypes, buttonsCard, adaptiveCard, Channels, CONTINUE_CONVERSATION_EVENT, conversationReferenceOf, handoffInitiation, InputHints } from '../../src/channels/protocol.js';

// Qualibot's own protocol constants and helpers must say on the wire exactly what both SDKs say.
const received = {
  type: 'message',
  id: 'activity-1',
  text: 'Bonjour',
  locale: 'fr-FR',
  channelId: 'webchat',
  serviceUrl: 'https://example.test/',
  from: { id: 'user-1', name: 'Visitor', role: 'user' },
  recipient: { id: 'bot-1', name: 'Qualibot' },
  conversation: { id: 'conversation-1', isGroup: false, conversationType: 'personal', name: '' },
} as Activity;

describe('protocol constants', () => {
  it('are the values of botbuilder and of the Microsoft 365 Agents SDK', () => {
    expect(ActivityTypes).toEqual({ ...botbuilder.ActivityTypes });
    expect(ActivityTypes).toEqual({ ...agents.ActivityTypes });
    expect(InputHints).toEqual({ ...botbuilder.InputHints });
    for (const [name, value] of Object.entries(Channels)) expect(value).toBe((botbuilder.Channels as Record<string, string>)[name]);
    for (const [name, value] of Object.entries(ActionTypes)) expect(value).toBe((agents.ActionTypes as Record<string, string>)[name]);
    expect(CONTINUE_CONVERSATION_EVENT).toBe(botbuilder.ActivityEventNames.ContinueConversation);
  });
});

describe('protocol helpers', () => {
  it('take the conversation reference botbuilder takes, including the unanswerable Web Chat conversationUpdate', () => {
    expect(conversationReferenceOf(received)).toEqual(botbuilder.TurnContext.getConversationReference(received as botbuilder.Activity));
    const update = { ...received, type: ActivityTypes.ConversationUpdate };
    expect(conversationReferenceOf(update).activityId).toBeUndefined();
    expect(conversationReferenceOf(update)).toEqual(botbuilder.TurnContext.getConversationReference(update as botbuilder.Activity));
    expect(conversationReferenceOf({ ...update, channelId: 'msteams' }).activityId).toBe('activity-1');
  });

  it('build the cards and the handoff initiation event botbuilder built', () => {
    const buttons = [{ type: ActionTypes.ImBack, title: 'Oui', value: 'Oui' }];
    expect(buttonsCard(buttons)).toEqual(botbuilder.CardFactory.heroCard('', undefined, buttons));
    expect(adaptiveCard({ type: 'AdaptiveCard' })).toEqual(botbuilder.CardFactory.adaptiveCard({ type: 'AdaptiveCard' }));
    const context = { activity: received } as unknown as botbuilder.TurnContext;
    const transcript = { activities: [{ type: 'message', text: 'Bonjour' }] };
    const ours = handoffInitiation(received, { handoffId: 'h1' }, transcript);
    const theirs = botbuilder.EventFactory.createHandoffInitiation(context, { handoffId: 'h1' }, transcript as never);
    // Ids and times differ per event; botbuilder adds the server's time zone, which tells the channel nothing.
    const comparable = ({ id: _id, timestamp: _timestamp, localTimezone: _zone, entities: _entities, ...rest }: Record<string, unknown>) => rest;
    expect(comparable(ours as Record<string, unknown>)).toEqual(comparable(theirs as unknown as Record<string, unknown>));
    expect(ours.name).toBe('handoff.initiate');
  });
});
