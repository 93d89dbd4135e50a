/**
 * Serialises the turns of one conversation. The SQLite engine locks in-process; the PostgreSQL engine also
 * takes a lease row (`conversation_leases`), so it holds across instances.
 */
export interface ConversationLock {
  run<T>(conversationId: string, fn: () => Promise<T>): Promise<T>;
}
