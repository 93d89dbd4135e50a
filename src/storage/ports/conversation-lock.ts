/**
 * Serialises the turns of one conversation. The SQLite engine locks in-process;
 * the PostgreSQL engine adds `pg_advisory_xact_lock`, so it also holds across processes.
 */
export interface ConversationLock {
  run<T>(conversationId: string, fn: () => Promise<T>): Promise<T>;
}
