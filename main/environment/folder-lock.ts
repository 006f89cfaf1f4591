import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';

const holderSchema = z.object({
  pid: z.number().int().positive(),
  kind: z.enum(['desktop', 'serve']),
  startedAt: z.string(),
  host: z.string(),
  /** The holder's start in clock ticks since boot (Linux): with the pid, it names one process for good. */
  processStart: z.number().nullable(),
});
export type LockHolder = z.infer<typeof holderSchema>;

export interface HeldLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): void;
}

/**
 * Takes the lock `file` (`DataPaths.lock`: one desk, the desktop app or `npm run serve`, per data folder) for this process, or throws IN_USE naming the live holder (pid, kind, start time).
 *
 * The file is written whole under a private name and hard-linked into place, so it never exists half-written
 * and two takers cannot both win. A lock whose holder is gone (no such process, or a process that started
 * since: its pid was reused) is stale: it is moved aside under a private name, checked to be
 * the very one judged stale (a live desk may have replaced it meanwhile, and then gets it back), and removed.
 */
export function acquireLock(file: string, kind: LockHolder['kind']): HeldLock {
  const dir = path.dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    if (!READ_ONLY_CODES.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
  const holder: LockHolder = {
    pid: process.pid,
    kind,
    startedAt: new Date().toISOString(),
    host: os.hostname(),
    processStart: processStartTicks(process.pid),
  };
  const content = `${JSON.stringify(holder)}\n`;
  for (let attempt = 0; attempt < 20; attempt++) {
    const staging = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      writeFileSync(staging, content, { mode: 0o644 });
    } catch (error) {
      // A folder nobody can write needs no lock: no desk can journal, sync or save in it, and this one opens
      // it read-only (and says so).
      if (READ_ONLY_CODES.has((error as NodeJS.ErrnoException).code ?? '')) return unlocked(file, holder);
      throw error;
    }
    try {
      linkSync(staging, file);
      return held(file, holder, content);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(staging, { force: true });
    }
    const current = readHolder(file);
    if (current === undefined) continue; // removed between our link and our read: try again
    if (current !== null && isLive(current)) throw inUse(dir, current);
    removeIfUnchanged(file, current);
  }
  throw new AppError('IN_USE', `Could not take the lock ${file}: it keeps changing hands. Try again.`);
}

const READ_ONLY_CODES = new Set(['EROFS', 'EACCES', 'EPERM']);

const unlocked = (file: string, holder: LockHolder): HeldLock => ({ file, holder, release: () => {} });

function held(file: string, holder: LockHolder, content: string): HeldLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (readFileSync(file, 'utf8') === content) rmSync(file, { force: true });
    } catch {
      // Already gone (or the folder vanished): nothing of ours is left to remove.
    }
  };
  process.once('exit', release);
  return { file, holder, release };
}

/** The holder in the file; null when the file is unreadable garbage (stale); undefined when it is gone. */
function readHolder(file: string): LockHolder | null | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = holderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function removeIfUnchanged(file: string, judged: LockHolder | null): void {
  const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  if (JSON.stringify(moved ?? null) !== JSON.stringify(judged)) {
    // Someone took the lock between our judgement and our move: it is theirs, put it back.
    try {
      linkSync(aside, file);
    } catch {
      // A third taker is in place already; theirs stands.
    }
  }
  rmSync(aside, { force: true });
}

/** Whether the lock's holder is still the process that took it. */
export function isLive(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true; // another machine's desk (a shared folder): never ours to break
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // Another process under the same pid (reused after the holder died) started at another tick: stale. The tick
  // count, unlike a wall-clock start time, cannot be fooled by a clock set ahead or back.
  const ticks = processStartTicks(holder.pid);
  return holder.processStart === null || ticks === null || ticks === holder.processStart;
}

/** When a process started, in clock ticks since boot (Linux /proc); null where the OS does not say. */
function processStartTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime) follows the command name, which may itself hold spaces and parentheses.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isInteger(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

const KIND_NAMES: Record<LockHolder['kind'], string> = {
  desktop: 'the desktop app',
  serve: 'npm run serve (the browser bridge)',
};

function inUse(dir: string, holder: LockHolder): AppError {
  return new AppError(
    'IN_USE',
    `The data folder ${dir} is in use by another desk: ${KIND_NAMES[holder.kind]}, process ${holder.pid}, started ${holder.startedAt}${holder.host === os.hostname() ? '' : ` on ${holder.host}`}. Close that one first (or use it); two desks on one folder could place an order twice.`,
    holder,
  );
}
