import keytar from 'keytar';
import { AppError } from '../../shared/errors';
import { profileIdSchema } from '../../shared/profile-schema';
import { SECRET_FIELDS, secretFieldSchema, secretValueSchema, type SecretField } from '../../shared/secrets';
import { probeKeyring, type KeyringProbe } from './keyring-state';

/** The keychain service name every entry is filed under (visible in the OS keychain UI and secret-tool). */
export const KEYCHAIN_SERVICE = 'Fulfillment Desk';

/** A locked keyring can leave keytar waiting on a prompt; the desk reports that instead of hanging. */
const KEYCHAIN_TIMEOUT_MS = 10_000;

/**
 * Secrets live only in the OS keychain (keytar: libsecret / Keychain / Credential Manager), one entry per
 * profile and field, account `<profileId>/<field>`. `read` exists for main's own use (supplier clients); the
 * IPC layer offers only set, clear and isSet, so a secret never travels back to the renderer.
 *
 * Every operation reads the keychain's lock state first: a locked keychain answers KEYCHAIN_LOCKED ("unlock
 * it"), a missing or failing one UNAVAILABLE with its reason, never "not set". keytar's `findCredentials` is
 * never called: on a locked Secret Service collection it dereferences NULL and kills the process.
 */
export class SecretStore {
  constructor(
    private readonly service: string = KEYCHAIN_SERVICE,
    private readonly probe: KeyringProbe = probeKeyring,
  ) {}

  async set(profileId: string, field: SecretField, value: string): Promise<void> {
    const parsed = secretValueSchema.safeParse(value);
    if (!parsed.success)
      throw new AppError('VALIDATION', parsed.error.issues[0]?.message ?? 'Invalid credential');
    const target = account(profileId, field);
    await this.readable('save the credential');
    await keychain('save the credential', () => keytar.setPassword(this.service, target, parsed.data));
  }

  /** The value, or null when it is not set (never null because the keychain is locked: that throws). */
  async read(profileId: string, field: SecretField): Promise<string | null> {
    const target = account(profileId, field);
    await this.readable('read a credential');
    const value = await keychain('read a credential', () => keytar.getPassword(this.service, target));
    // Locked between the probe and the read: libsecret then answers null, which must not pass for "not set".
    if (value === null) await this.readable('read a credential');
    return value;
  }

  async isSet(profileId: string, field: SecretField): Promise<boolean> {
    return (await this.read(profileId, field)) !== null;
  }

  /** Returns whether there was anything to clear. */
  async clear(profileId: string, field: SecretField): Promise<boolean> {
    const target = account(profileId, field);
    await this.readable('remove the credential');
    return keychain('remove the credential', () => keytar.deletePassword(this.service, target));
  }

  /** Which fields of a profile are set: each known field is read on its own (the values stay in main). */
  async fieldsSet(profileId: string): Promise<SecretField[]> {
    const targets = SECRET_FIELDS.map((field) => account(profileId, field));
    await this.readable('read the credentials');
    const values: Array<string | null> = [];
    for (const target of targets)
      values.push(await keychain('read the credentials', () => keytar.getPassword(this.service, target)));
    if (values.includes(null)) await this.readable('read the credentials');
    return SECRET_FIELDS.filter((_, i) => values[i] !== null);
  }

  /** Removes every secret of a profile (when the profile is deleted). */
  async clearProfile(profileId: string): Promise<number> {
    let cleared = 0;
    for (const field of SECRET_FIELDS) if (await this.clear(profileId, field)) cleared += 1;
    return cleared;
  }

  private async readable(action: string): Promise<void> {
    const keyring = await this.probe();
    if (keyring.state === 'locked') {
      throw new AppError(
        'KEYCHAIN_LOCKED',
        `Could not ${action}: the keychain is locked: unlock it (your login keyring, e.g. in Passwords and Keys), then try again.`,
      );
    }
    if (keyring.state === 'unavailable')
      throw new AppError(
        'UNAVAILABLE',
        `Could not ${action}: the keychain is unavailable: ${keyring.reason}.`,
      );
  }
}

function account(profileId: string, field: SecretField): string {
  const id = profileIdSchema.safeParse(profileId);
  const name = secretFieldSchema.safeParse(field);
  if (!id.success || !name.success) throw new AppError('VALIDATION', 'Unknown profile or credential field');
  return `${id.data}/${name.data}`;
}

async function keychain<T>(action: string, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${KEYCHAIN_TIMEOUT_MS / 1000} s`)),
          KEYCHAIN_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('UNAVAILABLE', `Could not ${action}: the keychain is unavailable: ${reason}.`);
  } finally {
    clearTimeout(timer);
  }
}
