import type { ConversationState, StatePropertyAccessor, TurnContext } from '../turn.js';
import type { CompletedTurns } from './turn-guard-middleware.js';

/** Ids kept per conversation: channels retry within minutes, a few turns back at most. */
export const REMEMBERED_TURNS = 32;

/**
 * CompletedTurns in the conversation's bot state (a property of its own). The check is the state
 * load the bot needs anyway (ConversationState caches it on the TurnContext), and the id is written
 * by the state save that ends the bot's turn, atomically with what the turn changed. A turn that
 * never reaches that save (an error, a middleware refusing the message before the bot) is therefore
 * not remembered, and its redelivery runs again.
 */
export class CompletedTurnsInState implements CompletedTurns {
  private readonly ids: StatePropertyAccessor<string[]>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly kept = REMEMBERED_TURNS,
  ) {
    this.ids = conversationState.createProperty<string[]>('completedTurns');
  }

  async includes(context: TurnContext, activityId: string): Promise<boolean> {
    // Read under the conversation lock, never a copy cached before it was taken: the bot's turn uses this load too.
    await this.conversationState.load(context, true);
    return (await this.ids.get(context))?.includes(activityId) ?? false;
  }

  async remember(context: TurnContext, activityId: string): Promise<void> {
    const ids = (await this.ids.get(context)) ?? [];
    await this.ids.set(context, [...ids, activityId].slice(-this.kept));
  }
}
