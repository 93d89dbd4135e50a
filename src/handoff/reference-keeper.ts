import { createHash } from 'node:crypto';
import type { ConversationState, StatePropertyAccessor, TurnContext } from '../bot/turn.js';
import type { ConversationReference } from '../channels/activity.js';
import { conversationReferenceOf } from '../channels/protocol.js';
import type { ConversationReferenceRepository } from '../storage/ports/conversation-references.js';

/**
 * Saves conversation references (what SDR messages and notices need to reach the visitor) and keeps
 * the fingerprint of the last one saved in the conversation's bot state, so an unchanged reference
 * is not written again. In the bot state, not in process memory: instances share the database.
 */
export class ConversationReferenceKeeper {
  private readonly savedFingerprint: StatePropertyAccessor<string>;

  constructor(
    private readonly references: ConversationReferenceRepository,
    conversationState: ConversationState,
  ) {
    this.savedFingerprint = conversationState.createProperty<string>('savedReferenceFingerprint');
  }

  /** Saves the reference of the context's activity. */
  save(context: TurnContext): Promise<void> {
    return this.keep(context, { onlyIfChanged: false });
  }

  /** Saves it only when it differs from the last one saved for the conversation (e.g. the visitor switched channel). */
  saveIfChanged(context: TurnContext): Promise<void> {
    return this.keep(context, { onlyIfChanged: true });
  }

  private async keep(context: TurnContext, { onlyIfChanged }: { onlyIfChanged: boolean }): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) return;
    const reference = conversationReferenceOf(context.activity);
    const fingerprint = fingerprintOf(reference);
    if (onlyIfChanged && (await this.savedFingerprint.get(context)) === fingerprint) return;
    await this.references.save(conversationId, reference);
    // Written with the turn's state: if the turn fails after the save, the next one saves again (harmless).
    await this.savedFingerprint.set(context, fingerprint);
  }
}

/** Where the visitor can be reached; the activity id, different on every message, is left out. */
function fingerprintOf(reference: Partial<ConversationReference>): string {
  const { activityId: _differsEveryMessage, ...where } = reference;
  return createHash('sha256').update(JSON.stringify(where)).digest('base64url');
}
