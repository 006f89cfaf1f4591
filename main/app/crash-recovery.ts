import { newErrorId } from '../../shared/error-id';
import type { Logger } from '../log/logger';

/** The parts of a BrowserWindow the recovery watches and drives (a real window, or a test's stand-in). */
export interface RecoverableWindow {
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  isDestroyed(): boolean;
  webContents: {
    on(
      event: 'render-process-gone',
      listener: (event: unknown, details: { reason: string; exitCode: number }) => void,
    ): unknown;
    reload(): void;
    forcefullyCrashRenderer(): void;
  };
}

export interface RecoveryOptions {
  logger: Logger;
  /** Monotonic milliseconds (main/time/clock.ts): a wall-clock jump must not reset the crash count. */
  monotonic(): number;
  /** Reloads allowed within `windowMs` before the desk stops reloading and asks the agent. */
  maxReloads?: number;
  windowMs?: number;
  /** How long a hung page may stay unresponsive before its renderer is restarted. */
  hangGraceMs?: number;
  /** The reloads ran out: main asks the agent (reload once more, or quit). */
  onGiveUp(errorId: string, reason: string): void;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * A renderer that crashed or hung is restarted: the page reloads and reads everything again from main, where
 * the placement journal lives (in SQLite, written before any order is sent), so nothing journaled is lost with
 * the page. A renderer that keeps crashing is not reloaded in a loop: after `maxReloads` within `windowMs` the
 * agent is asked. Every event is logged with an error id.
 */
export function watchRenderer(win: RecoverableWindow, options: RecoveryOptions): void {
  const {
    logger,
    monotonic,
    maxReloads = 3,
    windowMs = 5 * 60_000,
    hangGraceMs = 15_000,
    setTimer = (run, ms) => setTimeout(run, ms),
    clearTimer = (timer) => clearTimeout(timer as NodeJS.Timeout),
  } = options;
  let reloads: number[] = [];
  let hang: unknown = null;
  const stopHangTimer = () => {
    if (hang !== null) clearTimer(hang);
    hang = null;
  };

  win.webContents.on('render-process-gone', (_event, details) => {
    stopHangTimer();
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    const errorId = newErrorId();
    const now = monotonic();
    reloads = reloads.filter((at) => now - at < windowMs);
    if (reloads.length >= maxReloads) {
      logger.error('renderer gone: not reloading again', { errorId, ...details, reloads: reloads.length });
      reloads = [];
      options.onGiveUp(errorId, details.reason);
      return;
    }
    reloads.push(now);
    logger.error('renderer gone: reloading the window', { errorId, ...details });
    win.webContents.reload();
  });
  win.on('unresponsive', () => {
    if (hang !== null) return;
    const errorId = newErrorId();
    logger.warn('window unresponsive', { errorId, graceMs: hangGraceMs });
    hang = setTimer(() => {
      hang = null;
      if (win.isDestroyed()) return;
      logger.error('window still unresponsive: restarting its renderer', { errorId });
      // The restart arrives as render-process-gone ('killed'), which reloads under the same limit as a crash.
      win.webContents.forcefullyCrashRenderer();
    }, hangGraceMs);
  });
  win.on('responsive', () => {
    if (hang === null) return;
    stopHangTimer();
    logger.info('window responsive again');
  });
}
