export interface IssuedToken {
  value: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * One bearer token per client: reused until `skewMs` before expiry, fetched by at most one request at a time
 * (callers arriving during a fetch share it), and dropped on a 401 only if it is still the token that failed —
 * so a burst of 401s from one expired token causes one refresh, not one per call.
 */
export class TokenCache {
  private current: IssuedToken | null = null;
  private inflight: Promise<IssuedToken> | null = null;

  constructor(
    private readonly fetchToken: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
    private readonly skewMs = 60_000,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.now() < this.current.expiresAt - this.skewMs) return this.current.value;
    this.inflight ??= this.fetchToken()
      .then((token) => {
        this.current = token;
        return token;
      })
      .finally(() => {
        this.inflight = null;
      });
    return (await this.inflight).value;
  }

  invalidate(failed: string): void {
    if (this.current?.value === failed) this.current = null;
  }

  clear(): void {
    this.current = null;
  }
}
