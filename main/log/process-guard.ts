import { newErrorId } from '../../shared/error-id';
import type { Logger } from './logger';

/**
 * An error nobody caught in main (a bug, a library throwing from a timer) is logged with an error id and the
 * desk keeps running: the placement journal is committed to SQLite before each request, so no journal row
 * depends on the code that failed, and the next start reconciles whatever was in flight. `onError` lets main
 * tell the agent the id; without a listener Electron would show its own dialog with the raw stack.
 */
export function guardProcess(
  proc: Pick<NodeJS.Process, 'on'>,
  logger: () => Logger,
  onError: (errorId: string, error: unknown) => void = () => {},
): void {
  const report = (what: string, error: unknown) => {
    const errorId = newErrorId();
    try {
      logger().error(what, { errorId, error });
      onError(errorId, error);
    } catch (failure) {
      // The report itself failed (a full disk, a closed log): stderr is all that is left.
      process.stderr.write(
        `${what} ${errorId}: ${String(error)} (and reporting it failed: ${String(failure)})\n`,
      );
    }
  };
  proc.on('uncaughtException', (error) => report('uncaught main-process error', error));
  proc.on('unhandledRejection', (reason) => report('unhandled main-process rejection', reason));
}
