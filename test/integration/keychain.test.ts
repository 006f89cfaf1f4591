import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE, SecretStore } from '../../main/secrets/secret-store';

/** The real Secret Service (gnome-keyring under D-Bus in CI), never a mock: the keychain is the subject here. */
async function secretServiceProblem(): Promise<string | null> {
  try {
    await Promise.race([
      keytar.findCredentials(`${KEYCHAIN_SERVICE} probe`),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('no answer from the Secret Service in 5 s')), 5000),
      ),
    ]);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const problem = await secretServiceProblem();
const reason = `SKIPPED: no OS keychain / Secret Service (${problem}). Run inside dbus-run-session with an unlocked gnome-keyring, as .ci/run does.`;
if (problem) {
  if (process.env.CI) throw new Error(reason.replace('SKIPPED', 'FAILED'));
  console.warn(`\n${'!'.repeat(100)}\n${reason}\n${'!'.repeat(100)}\n`);
}

describe.skipIf(problem !== null)('keychain secret store (real Secret Service)', () => {
  const store = new SecretStore();
  const profile = `test-${randomBytes(4).toString('hex')}`;
  const secret = `s3cret-${randomBytes(12).toString('base64url')}`;
  afterAll(() => store.clearProfile(profile));

  it('sets, reads in main, reports and lists a secret under the "Fulfillment Desk" service', async () => {
    expect(await store.isSet(profile, 'ascenda.clientSecret')).toBe(false);
    await store.set(profile, 'ascenda.clientSecret', secret);
    await store.set(profile, 'gcp.accessToken', 'token-value');
    expect(await store.read(profile, 'ascenda.clientSecret')).toBe(secret);
    expect(await store.isSet(profile, 'ascenda.clientSecret')).toBe(true);
    expect(await store.fieldsSet(profile)).toEqual(['ascenda.clientSecret', 'gcp.accessToken']);
  });

  it('is visible to the OS tooling (secret-tool) under the service and account', () => {
    const out = execFileSync('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toContain(`${profile}/ascenda.clientSecret`);
  });

  it('replaces a secret in place and clears it, reporting whether anything was there', async () => {
    await store.set(profile, 'ascenda.clientSecret', 'rotated');
    expect(await store.read(profile, 'ascenda.clientSecret')).toBe('rotated');
    expect(await store.clear(profile, 'ascenda.clientSecret')).toBe(true);
    expect(await store.clear(profile, 'ascenda.clientSecret')).toBe(false);
    expect(await store.isSet(profile, 'ascenda.clientSecret')).toBe(false);
    expect(await store.clearProfile(profile)).toBe(1);
    expect(await store.fieldsSet(profile)).toEqual([]);
  });

  it('refuses bad input before touching the keychain', async () => {
    await expect(store.set(profile, 'ascenda.clientSecret', '')).rejects.toThrow(/empty/);
    await expect(store.set(profile, 'ascenda.clientSecret', 'a\0b')).rejects.toThrow(/NUL/);
    await expect(store.set('../etc', 'ascenda.clientSecret', 'x')).rejects.toThrow(/profile id/);
    await expect(store.set(profile, 'root.password' as 'gcp.email', 'x')).rejects.toThrow();
    expect(await store.fieldsSet(profile)).toEqual([]);
  });
});
