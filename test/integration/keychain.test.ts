import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE, SecretStore } from '../../main/secrets/secret-store';
import { keychainUnavailable } from '../support/keychain';

const unavailable = await keychainUnavailable();

describe.skipIf(unavailable)('keychain secret store (real Secret Service)', () => {
  const store = new SecretStore();
  const profile = `test-${randomBytes(4).toString('hex')}`;
  const secret = `s3cret-${randomBytes(12).toString('base64url')}`;
  afterAll(() => store.clearProfile(profile));

  it('sets, reads in main, reports and lists a secret under the "Fulfillment Desk" service', async () => {
    expect(await store.isSet(profile, 'ascenda.clientSecret')).toBe(false);
    await store.set(profile, 'ascenda.clientSecret', secret);
    await store.set(profile, 'gcp.accessToken', '  token-value\n');
    expect(await store.read(profile, 'ascenda.clientSecret')).toBe(secret);
    expect(await store.isSet(profile, 'ascenda.clientSecret')).toBe(true);
    expect(await store.fieldsSet(profile)).toEqual(['ascenda.clientSecret', 'gcp.accessToken']);
    // Pasted whitespace is never part of a credential.
    expect(await store.read(profile, 'gcp.accessToken')).toBe('token-value');
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
    await expect(store.set(profile, 'ascenda.clientSecret', 'a\0b')).rejects.toThrow(/control characters/);
    await expect(store.set('../etc', 'ascenda.clientSecret', 'x')).rejects.toThrow(/Unknown profile/);
    await expect(store.set(profile, 'root.password' as 'gcp.email', 'x')).rejects.toThrow();
    expect(await store.fieldsSet(profile)).toEqual([]);
  });
});
