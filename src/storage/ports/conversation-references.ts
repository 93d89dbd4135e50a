import type { ConversationReference } from 'botbuilder';

/** Conversation references for proactive messages (`continueConversationAsync`). */
export interface ConversationReferenceRepository {
  save(conversationId: string, reference: Partial<ConversationReference>): Promise<void>;
  get(conversationId: string): Promise<Partial<ConversationReference> | undefined>;
}
