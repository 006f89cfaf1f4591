import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingTool, unavailableBecause } from '../support/system';

const child = path.resolve(__dirname, 'keychain-child.ts');
const missing = missingTool('dbus-run-session', 'gnome-keyring-daemon');
const skip = unavailableBecause(
  missing && `the keychain fault tests need ${missing}`,
  'Install dbus and gnome-keyring (apt-get install dbus gnome-keyring), as .ci/run does.',
);

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  result: Record<string, unknown> | null;
  stderr: string;
}

/** Runs the child under `command` (a private D-Bus session with its own keyring, or none at all). */
function run(command: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve) => {
    const proc = spawn(command[0]!, command.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('exit', (code, signal) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      resolve({ code, signal, result: line ? (JSON.parse(line) as Record<string, unknown>) : null, stderr });
    });
  });
}

const node = [process.execPath, '--import', 'tsx', child];

/**
 * The child's environment without the session it runs in: no display (a keyring prompt would wait on it for
 * ever), no keyring control socket or bus of the test runner's own session.
 */
function isolated(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of [
    'DISPLAY',
    'WAYLAND_DISPLAY',
    'GNOME_KEYRING_CONTROL',
    'SSH_AUTH_SOCK',
    'DBUS_SESSION_BUS_ADDRESS',
  ])
    if (!(name in extra)) delete env[name];
  return env;
}

describe.skipIf(skip)(
  'keychain faults (real gnome-keyring on a private D-Bus session, and no D-Bus at all)',
  () => {
    it('a locked keyring is reported as locked, never as "not set", and never crashes the process', async () => {
      const script = [
        'export XDG_DATA_HOME="$(mktemp -d)"',
        'eval "$(printf fault-keyring | gnome-keyring-daemon --unlock --components=secrets)"',
        'exec "$@"',
      ].join('; ');
      const outcome = await run(
        ['dbus-run-session', '--', 'bash', '-c', script, 'keychain-child', ...node],
        isolated({
          KEYCHAIN_FAULT: 'locked',
          XDG_DATA_HOME: mkdtempSync(path.join(os.tmpdir(), 'desk-keyring-')),
        }),
      );
      // A segfault (keytar's findCredentials on a locked collection) would end the child by a signal.
      expect(outcome.signal, outcome.stderr).toBeNull();
      expect(outcome.code, outcome.stderr).toBe(0);
      const r = outcome.result!;
      expect(r.savedBeforeFault).toBe(true);
      expect(r.probe).toEqual({ state: 'locked' });
      for (const reply of [r.status, r.set, r.clear]) {
        expect(reply).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_LOCKED' } });
        expect((reply as { error: { message: string } }).error.message).toMatch(
          /the keychain is locked: unlock it/,
        );
      }
      // The supplier client cannot be built, so nothing can be sent; the reason is the lock, not "not set".
      expect(r.client).toMatchObject({
        info: { kind: 'NOT_CONFIGURED', supplierMessage: 'the keychain is locked: unlock it' },
      });
      expect((r.client as { message: string }).message).toMatch(/the keychain is locked: unlock it$/);
      expect(r.connection).toMatchObject({ ok: true, value: { ok: false, problem: 'not_configured' } });
      expect(JSON.stringify(r.connection)).toMatch(/keychain is locked: unlock it/);
      // A placement whose credentials cannot be read is refused, and nothing was journaled as sent.
      expect(r.place).toMatchObject({ ok: false, error: { code: 'SUPPLIER' } });
      expect((r.place as { error: { message: string } }).error.message).toMatch(/keychain is locked/);
      expect(r.journal).toEqual({ ok: true, value: [] });
      expect(JSON.stringify(r)).not.toMatch(/not set/);
    });

    it('with no D-Bus session the keychain is "unavailable: why", and nothing crashes or hangs', async () => {
      for (const address of [undefined, 'unix:path=/nonexistent/desk-no-bus']) {
        const outcome = await run(node, isolated(address ? { DBUS_SESSION_BUS_ADDRESS: address } : {}));
        expect(outcome.signal, outcome.stderr).toBeNull();
        expect(outcome.code, outcome.stderr).toBe(0);
        const r = outcome.result!;
        expect(r.savedBeforeFault).toBe(false);
        expect(r.probe).toMatchObject({ state: 'unavailable' });
        const reason = (r.probe as { reason: string }).reason;
        expect(reason).toMatch(address ? /cannot (open|talk to) the D-Bus session bus/ : /no D-Bus session/);
        for (const reply of [r.status, r.set, r.clear]) {
          expect(reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
          expect((reply as { error: { message: string } }).error.message).toContain(
            `the keychain is unavailable: ${reason}`,
          );
        }
        expect(r.client).toMatchObject({
          info: { kind: 'NOT_CONFIGURED', supplierMessage: `the keychain is unavailable: ${reason}` },
        });
        expect(JSON.stringify(r)).not.toMatch(/not set/);
      }
    });
  },
);
