/** What replaces a protected value wherever it would have been written. */
export const REDACTED = '[REDACTED]';

/** Keys whose values are credentials whatever they contain (headers, token responses, form fields). */
const SECRET_KEYS =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-signature|accesstoken|access_token|token|client_secret|clientsecret|secret|password|bearer)$/i;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** Below this length a value is too likely to occur by chance in ordinary text to be masked by value. */
const MIN_PROTECTED_LENGTH = 6;

/**
 * Masks credentials in anything about to leave main's memory: log lines, error details, IPC replies.
 * Secret keys are masked by name, bearer/basic credentials by pattern, and every credential the desk has read
 * from the keychain or received as a token by value (so a supplier echoing one back is masked too).
 */
export class Redactor {
  private readonly values = new Set<string>();

  protect(value: string | null | undefined): void {
    if (value && value.length >= MIN_PROTECTED_LENGTH) this.values.add(value);
  }

  text(input: string): string {
    let output = input.replace(BEARER, `$1 ${REDACTED}`);
    for (const value of this.values) if (output.includes(value)) output = output.split(value).join(REDACTED);
    return output;
  }

  /** A deep copy with every string redacted and every secret-named key masked. */
  value<T>(input: T): T {
    return this.walk(input, new Set()) as T;
  }

  /**
   * `ancestors` holds only the objects on the path from the root: an object met again on that path is a cycle,
   * while the same object reached twice by different paths (latest = history.at(-1)) is copied both times.
   */
  private walk(input: unknown, ancestors: Set<object>): unknown {
    if (typeof input === 'string') return this.text(input);
    if (input === null || typeof input !== 'object') return input;
    if (ancestors.has(input)) return '[circular]';
    ancestors.add(input);
    try {
      return this.copy(input, ancestors);
    } finally {
      ancestors.delete(input);
    }
  }

  private copy(input: object, ancestors: Set<object>): unknown {
    if (Array.isArray(input)) return input.map((item) => this.walk(item, ancestors));
    if (input instanceof Error) {
      const code = (input as { code?: unknown }).code;
      return {
        name: input.name,
        message: this.text(input.message),
        ...(typeof code === 'string' ? { code } : {}),
        ...(input.stack ? { stack: this.text(input.stack) } : {}),
      };
    }
    const output: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input)) {
      output[key] =
        SECRET_KEYS.test(key) && item !== null && item !== undefined ? REDACTED : this.walk(item, ancestors);
    }
    return output;
  }
}
