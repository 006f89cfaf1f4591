import keytar from 'keytar';
import { probeKeyring } from '../../main/secrets/keyring-state';

/** Why the real Secret Service cannot be used here, or null when it can. */
async function secretServiceProblem(): Promise<string | null> {
  const keyring = await probeKeyring();
  if (keyring.state === 'locked') return 'the keyring is locked';
  if (keyring.state === 'unavailable') return keyring.reason;
  try {
    // Never findCredentials: it crashes the process on a locked collection.
    await Promise.race([
      keytar.getPassword('Fulfillment Desk probe', 'probe'),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('no answer from the Secret Service in 5 s')), 5000),
      ),
    ]);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Keychain tests run against the real Secret Service (gnome-keyring under D-Bus in CI), never a mock. Without
 * one they skip with a loud reason — and fail instead under CI, where a skip would hide a broken setup.
 */
export async function keychainUnavailable(): Promise<boolean> {
  const problem = await secretServiceProblem();
  if (!problem) return false;
  const reason = `SKIPPED: no OS keychain / Secret Service (${problem}). Run inside dbus-run-session with an unlocked gnome-keyring, as .ci/run does.`;
  if (process.env.CI) throw new Error(reason.replace('SKIPPED', 'FAILED'));
  console.warn(`\n${'!'.repeat(100)}\n${reason}\n${'!'.repeat(100)}\n`);
  return true;
}
