/** Every error code a channel can answer with. The UI switches on these, never on message text. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  /** A supplier call failed; `details` is a SupplierErrorInfo. */
  'SUPPLIER',
  /** The same member may already have this order (or one still in doubt); `details` is an IntentCheck. */
  'DUPLICATE_INTENT',
  /** The reference is already in the journal or the cache; `details` lists where (ReferenceUse[]). */
  'REFERENCE_IN_USE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DeskError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Thrown by services to answer with a specific code; anything else thrown becomes INTERNAL. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
