import { randomUUID } from 'node:crypto';
import type { Activity, Attachment, CardAction, ConversationReference } from './activity.js';

/**
 * The Bot Framework Activity protocol's constants and the few helpers the core needs, written after the
 * protocol's schema (docs: botframework-sdk/specs/botframework-activity) so that no core module imports an SDK
 * for a string. Values are the wire's, identical in botbuilder and the Microsoft 365 Agents SDK.
 */

export const ActivityTypes = {
  Message: 'message',
  ContactRelationUpdate: 'contactRelationUpdate',
  ConversationUpdate: 'conversationUpdate',
  Typing: 'typing',
  EndOfConversation: 'endOfConversation',
  Event: 'event',
  Invoke: 'invoke',
  InvokeResponse: 'invokeResponse',
  DeleteUserData: 'deleteUserData',
  MessageUpdate: 'messageUpdate',
  MessageDelete: 'messageDelete',
  InstallationUpdate: 'installationUpdate',
  MessageReaction: 'messageReaction',
  Suggestion: 'suggestion',
  Trace: 'trace',
  Handoff: 'handoff',
  Command: 'command',
  CommandResult: 'commandResult',
} as const;

/** Channel ids Qualibot treats differently. */
export const Channels = {
  Msteams: 'msteams',
  Slack: 'slack',
  Webchat: 'webchat',
  Directline: 'directline',
  Emulator: 'emulator',
  Test: 'test',
} as const;

export const InputHints = { AcceptingInput: 'acceptingInput', IgnoringInput: 'ignoringInput', ExpectingInput: 'expectingInput' } as const;

export const ActionTypes = { ImBack: 'imBack', PostBack: 'postBack', MessageBack: 'messageBack', OpenUrl: 'openUrl' } as const;

/** The event a Bot Framework adapter raises for proactive turns (continueConversation). */
export const CONTINUE_CONVERSATION_EVENT = 'ContinueConversation';

export const CardContentTypes = {
  adaptiveCard: 'application/vnd.microsoft.card.adaptive',
  heroCard: 'application/vnd.microsoft.card.hero',
} as const;

export function adaptiveCard(card: object): Attachment {
  return { contentType: CardContentTypes.adaptiveCard, content: card };
}

/** A hero card holding only buttons (what botbuilder's `CardFactory.heroCard('', undefined, buttons)` built). */
export function buttonsCard(buttons: CardAction[]): Attachment {
  return { contentType: CardContentTypes.heroCard, content: { buttons } };
}

/** Where a received activity came from, to answer it later (both SDKs' getConversationReference). */
export function conversationReferenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  return {
    // A conversationUpdate from Direct Line or Web Chat cannot be replied to (the SDKs leave its id out too).
    activityId: activity.type === ActivityTypes.ConversationUpdate && (activity.channelId === Channels.Directline || activity.channelId === Channels.Webchat) ? undefined : activity.id,
    user: activity.from && { ...activity.from },
    bot: activity.recipient && { ...activity.recipient },
    conversation: activity.conversation && { ...activity.conversation },
    channelId: activity.channelId,
    locale: activity.locale,
    serviceUrl: activity.serviceUrl,
  };
}

/** Name of the protocol's handoff initiation event (botbuilder's HandoffEventNames.InitiateHandoff). */
export const HANDOFF_INITIATION_EVENT = 'handoff.initiate';

/**
 * The protocol's handoff initiation event for the conversation of `received`: the handoff context as its value,
 * the transcript as an attachment (what botbuilder's `EventFactory.createHandoffInitiation` builds).
 */
export function handoffInitiation(received: Activity, handoffContext: object, transcript?: { activities: Partial<Activity>[] }): Partial<Activity> {
  return {
    // botbuilder adds `localTimezone`, the server's zone: of no use to the channel, left out.
    type: ActivityTypes.Event,
    name: HANDOFF_INITIATION_EVENT,
    value: handoffContext,
    id: randomUUID(),
    timestamp: new Date(),
    conversation: received.conversation,
    from: received.from,
    relatesTo: conversationReferenceOf(received) as ConversationReference,
    replyToId: received.id,
    serviceUrl: received.serviceUrl,
    channelId: received.channelId,
    attachments: transcript ? [{ content: transcript, contentType: 'application/json', name: 'Transcript' }] : [],
  };
}
