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

const escapedConversationId = `replace(replace(replace(h.conversation_id, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;

/**
 * SQL condition (SQLite and PostgreSQL alike) on a `bot_state` row: it belongs to a conversation whose
 * handoff an SDR may still act on. Retention keeps those rows, as it keeps their references: without
 * the bot state a returning visitor would be qualified again instead of relayed to the SDR.
 */
export const STATE_OF_OPEN_HANDOFF_SQL = `EXISTS (
  SELECT 1 FROM handoffs h WHERE h.status IN ('queued', 'live', 'expired')
  AND (bot_state.key LIKE ('%/conversations/' || ${escapedConversationId}) ESCAPE '\\'
    OR bot_state.key LIKE ('%/conversations/' || ${escapedConversationId} || '/%') ESCAPE '\\'))`;
