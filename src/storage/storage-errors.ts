import { AppError } from '../errors.js';

/**
 * A write carried an eTag that no longer matches the stored item: someone else wrote it first.
 * The caller re-reads and retries (or serialises with a lock). The message keeps botbuilder's wording.
 */
export class EtagConflictError extends AppError {
  constructor(readonly key: string) {
    super('etag_conflict', `Storage: error writing "${key}" due to eTag conflict.`);
  }
}

/** A uniqueness rule refused the write (e.g. an SDR email already taken). */
export class StorageConflictError extends AppError {
  constructor(message: string, code = 'conflict') {
    super(code, message);
  }
}

/** `LeadRepository.upsert` with an `expectedVersion` that is not the stored one. */
export class VersionConflictError extends StorageConflictError {
  constructor(
    readonly leadId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Lead ${leadId}: expected version ${expected}, found ${actual}`, 'version_conflict');
  }
}

export function isEtagConflict(error: unknown): boolean {
  return error instanceof AppError && error.code === 'etag_conflict';
}
