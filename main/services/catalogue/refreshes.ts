import { explainSupplierError } from '../../../shared/error-catalogue';
import { isSupplierError } from '../../providers/supplier-error';

/**
 * Background refreshes, one at a time per key (callers share the running one), with the last failure kept as
 * words for the screen until a refresh succeeds.
 */
export class Refreshes {
  private readonly running = new Map<string, Promise<void>>();
  private readonly failures = new Map<string, string>();

  /** Runs `fetch` unless one runs for `key`; `failed` hears the error, `settled` runs after either outcome. */
  run(
    key: string,
    fetch: () => Promise<void>,
    hooks: { failed(error: unknown): void; settled(): void },
  ): Promise<void> {
    let running = this.running.get(key);
    if (!running) {
      running = fetch()
        .then(() => {
          this.failures.delete(key);
        })
        .catch((error: unknown) => {
          this.failures.set(key, words(error));
          hooks.failed(error);
        })
        .finally(() => {
          this.running.delete(key);
          hooks.settled();
        });
      this.running.set(key, running);
    }
    return running;
  }

  isRunning(key: string): boolean {
    return this.running.has(key);
  }

  /** The last refresh's failure in words, or null once one succeeded. */
  error(key: string): string | null {
    return this.failures.get(key) ?? null;
  }
}

const words = (error: unknown): string =>
  isSupplierError(error)
    ? explainSupplierError(error.info).title
    : error instanceof Error
      ? error.message
      : String(error);
