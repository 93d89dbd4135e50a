/**
 * botbuilder's ConversationState stores under `<channel>/conversations/<id>` and
 * PrivateConversationState under `<channel>/conversations/<id>/users/<user>`:
 * these LIKE patterns (escape character `\`) find a conversation's state items for erasure.
 */
export function conversationStateKeyPatterns(conversationId: string): [string, string] {
  const escaped = conversationId.replace(/[\\%_]/g, (char) => `\\${char}`);
  return [`%/conversations/${escaped}`, `%/conversations/${escaped}/users/%`];
}
