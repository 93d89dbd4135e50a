/** Public surface of the storage layer: the app imports from here, never from an engine folder. */
export * from './ports/database.js';
export * from './ports/transcripts.js';
export * from './ports/widget-history.js';
export * from './ports/processed-activities.js';
export * from './ports/leads.js';
export * from './ports/handoffs.js';
export * from './ports/sdrs.js';
export * from './ports/feedback.js';
export * from './ports/insights.js';
export * from './ports/conversation-references.js';
export * from './ports/outbox.js';
export * from './ports/event-bus.js';
export * from './ports/conversation-lock.js';
export * from './ports/data-lifecycle.js';
export { openDatabase, SQLITE_FILENAME, type OpenDatabaseOptions } from './open-database.js';
export { withLock, KeyedLock, InProcessConversationLock } from './keyed-lock.js';
export { EtagConflictError, StorageConflictError, VersionConflictError, isEtagConflict } from './storage-errors.js';
export { normaliseEmail } from './outbox-subject.js';
