import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { watchRenderer, type RecoverableWindow } from '../../main/app/crash-recovery';
import { Redactor } from '../../main/log/redactor';
import { memoryLogger } from '../support/clients';

/** A window as the recovery sees it: emits what Electron emits, records what the recovery asks of it. */
class StandInWindow extends EventEmitter {
  destroyed = false;
  readonly asked: string[] = [];
  readonly webContents = Object.assign(new EventEmitter(), {
    reload: () => void this.asked.push('reload'),
    forcefullyCrashRenderer: () => {
      this.asked.push('restart renderer');
      // As Electron does: the killed renderer is reported gone.
      this.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    },
  });
  isDestroyed() {
    return this.destroyed;
  }
}

function setup(now = { ms: 0 }) {
  const win = new StandInWindow();
  const logger = memoryLogger(new Redactor());
  const timers: Array<{ run: () => void; ms: number; cleared: boolean }> = [];
  const gaveUp: string[] = [];
  watchRenderer(win as unknown as RecoverableWindow, {
    logger,
    monotonic: () => now.ms,
    onGiveUp: (errorId, reason) => gaveUp.push(`${errorId} ${reason}`),
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => void ((timer as { cleared: boolean }).cleared = true),
  });
  const gone = (reason: string) => win.webContents.emit('render-process-gone', {}, { reason, exitCode: 1 });
  const logged = () => logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { win, gone, timers, gaveUp, logged, now };
}

describe('renderer crash recovery', () => {
  it('reloads the window after a crash, and logs it with an error id', () => {
    const { win, gone, logged } = setup();
    gone('crashed');
    expect(win.asked).toEqual(['reload']);
    expect(logged()).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'renderer gone: reloading the window',
        reason: 'crashed',
        errorId: expect.stringMatching(/^E-[0-9A-F]{8}$/),
      }),
    ]);
  });

  it('does nothing when the renderer exited cleanly or the window is already gone', () => {
    const { win, gone } = setup();
    gone('clean-exit');
    win.destroyed = true;
    gone('crashed');
    expect(win.asked).toEqual([]);
  });

  it('stops reloading a renderer that keeps crashing and asks the agent, then allows reloads again', () => {
    const { win, gone, gaveUp, now } = setup();
    for (const reason of ['crashed', 'oom', 'crashed']) {
      gone(reason);
      now.ms += 10_000;
    }
    expect(win.asked).toEqual(['reload', 'reload', 'reload']);
    gone('crashed');
    expect(win.asked).toHaveLength(3);
    expect(gaveUp).toEqual([expect.stringMatching(/^E-[0-9A-F]{8} crashed$/)]);
    // Crashes spread out over time are each reloaded: only a burst stops the reloads.
    now.ms += 6 * 60_000;
    gone('crashed');
    expect(win.asked).toHaveLength(4);
  });

  it('restarts a hung renderer after the grace period, which then reloads like a crash', () => {
    const { win, timers, logged } = setup();
    win.emit('unresponsive');
    win.emit('unresponsive');
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(15_000);
    timers[0]!.run();
    expect(win.asked).toEqual(['restart renderer', 'reload']);
    expect(logged().map((line) => line.message)).toEqual([
      'window unresponsive',
      'window still unresponsive: restarting its renderer',
      'renderer gone: reloading the window',
    ]);
  });

  it('leaves a page alone that answers again within the grace period', () => {
    const { win, timers } = setup();
    win.emit('unresponsive');
    win.emit('responsive');
    expect(timers[0]!.cleared).toBe(true);
    expect(win.asked).toEqual([]);
  });
});

describe('uncaught main-process errors', () => {
  it('are logged with an error id, the process keeps running, and no journal row is lost', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-guard-'));
    const db = path.join(dir, 'journal.sqlite');
    const log = path.join(dir, 'desk.log');
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.resolve(__dirname, '../support/guarded-child.ts')],
      { env: { ...process.env, DB: db, LOG: log }, encoding: 'utf8' },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { level: string; message: string; errorId: string; error: { message: string } },
      );
    expect(lines.map((l) => [l.level, l.message, l.error.message])).toEqual([
      ['error', 'uncaught main-process error', 'a bug thrown from a timer'],
      ['error', 'unhandled main-process rejection', 'a rejection nobody awaited'],
    ]);
    const ids = lines.map((line) => line.errorId);
    expect(child.stdout).toBe(`told the agent ${ids[0]}\ntold the agent ${ids[1]}\nstill running\n`);
    const journal = new Database(db, { readonly: true });
    expect(journal.prepare('SELECT reference, state FROM placements ORDER BY id').all()).toEqual([
      { reference: 'before-the-bug', state: 'journaled' },
      { reference: 'after-the-bug', state: 'journaled' },
    ]);
    journal.close();
  });
});
