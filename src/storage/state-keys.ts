/**
 * botbuilder's ConversationState stores under `<channel>/conversations/<id>/<namespace>` — with an
 * empty namespace that is `<channel>/conversations/<id>/`, trailing slash included — and
 * PrivateConversationState under `<channel>/conversations/<id>/users/<user>`. These LIKE patterns
 * (escape character `\`) find a conversation's state items for erasure: the bare key, and every key
 * below it (never another conversation whose id merely starts the same).
 */
export function conversationStateKeyPatterns(conversationId: string): [string, string] {
  const escaped = conversationId.replace(/[\\%_]/g, (char) => `\\${char}`);
  return [`%/conversations/${escaped}`, `%/conversations/${escaped}/%`];
}
