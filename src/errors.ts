/**
 * A small error hierarchy with stable string codes, so callers branch on `code`, not on messages.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Configuration or playbook that cannot be used: start-up stops. */
export class ConfigError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('config_invalid', message, options);
  }
}

/** A model answered, but not with something we can use. */
export class ModelOutputError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('model_output_invalid', message, options);
  }
}

/** A request the caller should fix (maps to a 4xx). */
export class BadRequestError extends AppError {
  constructor(
    message: string,
    readonly status = 400,
    code = 'bad_request',
  ) {
    super(code, message);
  }
}

/** Wraps anything thrown that is not ours, keeping the original as `cause`. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('unexpected', message, { cause: error });
}
