/** Public surface of the storage layer: the app imports from here, never from an engine folder. */
export * from './ports.js';
export { openDatabase, SQLITE_FILENAME, type OpenDatabaseOptions } from './open-database.js';
export { withLock, KeyedLock, InProcessConversationLock } from './keyed-lock.js';
export { EtagConflictError, StorageConflictError, VersionConflictError, isEtagConflict } from './storage-errors.js';
export { normaliseEmail } from './outbox-subject.js';
