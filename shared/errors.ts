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
  /** The programme refused the member's membership; `details` is a MembershipCheck. Nothing was journaled. */
  'MEMBERSHIP_REFUSED',
  /** The OS keychain is locked: the agent unlocks it; nothing was read or sent. */
  'KEYCHAIN_LOCKED',
  /** The data folder (or a cache in it) cannot be written; reading still works. */
  'READ_ONLY',
  /** A cache file is damaged; it is left untouched and nothing is sent for its profile. */
  'CORRUPT',
  /** The disk holding the data folder (or an export) is full. */
  'DISK_FULL',
  /** Another desk holds the data folder's lock; `details` is a FolderLockHolder. */
  'IN_USE',
  /** Not a known condition; `details.errorId` is the id of the log line that holds the cause. */
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

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
