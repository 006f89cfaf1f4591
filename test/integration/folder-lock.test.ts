import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, type LockHolder } from '../../main/environment/folder-lock';
import { ProfileService } from '../../main/services/profiles/profiles';
import { unavailableBecause } from '../support/system';
import { dataPaths } from '../../main/environment/data-paths';

const serveScript = path.resolve('dist/main/serve.cjs');
const notBuilt = unavailableBecause(
  existsSync(serveScript) ? null : `the two-desk test runs the built ${serveScript}`,
  'Run npm run build first (npm test does).',
);
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `npm run serve`'s built entry on a folder; resolves once it serves, or with how it exited. */
function serve(
  dataDir: string,
): Promise<{ child: ChildProcess; url: string | null; code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [serveScript, '--quiet'], {
    env: { ...process.env, DESK_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Open: (\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url, code: null, stderr });
    });
    child.once('exit', (code) => resolve({ child, url: null, code, stderr }));
  });
}

const holderOf = (dir: string) => JSON.parse(readFileSync(dataPaths(dir).lock, 'utf8')) as LockHolder;

describe.skipIf(notBuilt)('one desk per data folder (real serve processes)', () => {
  it('refuses a second desk with the holder’s pid, kind and start time; takes over once the holder died', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-two-'));
    const first = await serve(dataDir);
    expect(first.url, first.stderr).not.toBeNull();
    const holder = holderOf(dataDir);
    expect(holder).toMatchObject({ pid: first.child.pid, kind: 'serve' });

    const second = await serve(dataDir);
    expect(second.url).toBeNull();
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`data folder ${dataDir} is in use by another desk`);
    expect(second.stderr).toContain(`process ${first.child.pid}`);
    expect(second.stderr).toContain('npm run serve');
    expect(second.stderr).toContain(`started ${holder.startedAt}`);

    // A crash leaves the lock file behind: the next desk sees its holder is gone and starts.
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(existsSync(dataPaths(dataDir).lock)).toBe(true);
    const third = await serve(dataDir);
    expect(third.url, third.stderr).not.toBeNull();
    expect(holderOf(dataDir).pid).toBe(third.child.pid);

    // A clean stop removes the lock.
    third.child.kill('SIGTERM');
    await new Promise((resolve) => third.child.once('exit', resolve));
    expect(existsSync(dataPaths(dataDir).lock)).toBe(false);
  });
});

describe('folder lock file', () => {
  it('treats a lock whose pid now belongs to another process as stale (pid reuse), and a live one as held', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-lock-'));
    const sleeper = spawn('sleep', ['30']);
    children.push(sleeper);
    await new Promise((resolve) => sleeper.once('spawn', resolve));
    const stat = readFileSync(`/proc/${sleeper.pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const lock = (processStart: number) =>
      writeFileSync(
        dataPaths(dir).lock,
        JSON.stringify({
          pid: sleeper.pid,
          kind: 'desktop',
          startedAt: '2026-01-01T00:00:00.000Z',
          host: os.hostname(),
          processStart,
        }),
      );
    lock(ticks + 1);
    const taken = acquireLock(dataPaths(dir).lock, 'serve');
    expect(holderOf(dir).pid).toBe(process.pid);
    taken.release();

    lock(ticks);
    expect(() => acquireLock(dataPaths(dir).lock, 'serve')).toThrow(
      expect.objectContaining({
        code: 'IN_USE',
        details: expect.objectContaining({ pid: sleeper.pid, kind: 'desktop' }),
      }),
    );
  });

  it('replaces a lock file left unreadable (a torn write from an old desk), and releases only its own', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-lock-'));
    writeFileSync(dataPaths(dir).lock, '{"pid": 12');
    const taken = acquireLock(dataPaths(dir).lock, 'desktop');
    expect(holderOf(dir)).toMatchObject({ pid: process.pid, kind: 'desktop' });
    writeFileSync(dataPaths(dir).lock, JSON.stringify({ ...holderOf(dir), startedAt: 'someone else' }));
    taken.release();
    expect(existsSync(dataPaths(dir).lock)).toBe(true);
  });
});

describe('profiles.json', () => {
  it('re-reads before each write, so a change saved since this desk loaded the file is merged, not lost', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-profiles-merge-'));
    const draft = (name: string) => ({
      name,
      environment: 'uat' as const,
      ascendaRegion: 'custom' as const,
      ascendaBaseUrl: 'https://ascenda.example',
      gcpBaseUrl: 'https://gcp.example',
      pointRates: { USD: 0.01 },
      agentName: 'Agent',
    });
    const a = new ProfileService(dataPaths(dataDir));
    const b = new ProfileService(dataPaths(dataDir));
    const first = a.create(draft('First'));
    const second = b.create(draft('Second'));
    b.update('sandbox', { agentName: 'Renamed' });
    a.activate(first.id);
    const reloaded = new ProfileService(dataPaths(dataDir));
    expect(reloaded.list().map((p) => p.name)).toEqual(['Sandbox', 'First', 'Second']);
    expect(reloaded.get('sandbox').agentName).toBe('Renamed');
    expect(reloaded.active().id).toBe(first.id);
    expect(() => a.create(draft('Second'))).toThrow(/already exists/);
    expect(reloaded.get(second.id).name).toBe('Second');
  });
});
