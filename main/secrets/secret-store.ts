import keytar from 'keytar';
import { AppError } from '../../shared/errors';
import { profileIdSchema } from '../../shared/profile-schema';
import { SECRET_FIELDS, secretFieldSchema, secretValueSchema, type SecretField } from '../../shared/secrets';

/** The keychain service name every entry is filed under (visible in the OS keychain UI and secret-tool). */
export const KEYCHAIN_SERVICE = 'Fulfillment Desk';

/** A locked keyring can leave keytar waiting on a prompt; the desk reports that instead of hanging. */
const KEYCHAIN_TIMEOUT_MS = 10_000;

/**
 * Secrets live only in the OS keychain (keytar: libsecret / Keychain / Credential Manager), one entry per
 * profile and field, account `<profileId>/<field>`. `read` exists for main's own use (supplier clients); the
 * IPC layer offers only set, clear and isSet, so a secret never travels back to the renderer.
 * Keychain failures surface as UNAVAILABLE with the keychain's own reason.
 */
export class SecretStore {
  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  async set(profileId: string, field: SecretField, value: string): Promise<void> {
    const parsed = secretValueSchema.safeParse(value);
    if (!parsed.success)
      throw new AppError('VALIDATION', parsed.error.issues[0]?.message ?? 'Invalid credential');
    const target = account(profileId, field);
    await keychain('save the credential', () => keytar.setPassword(this.service, target, parsed.data));
  }

  async read(profileId: string, field: SecretField): Promise<string | null> {
    const target = account(profileId, field);
    return keychain('read a credential', () => keytar.getPassword(this.service, target));
  }

  async isSet(profileId: string, field: SecretField): Promise<boolean> {
    return (await this.fieldsSet(profileId)).includes(field);
  }

  /** Returns whether there was anything to clear. */
  async clear(profileId: string, field: SecretField): Promise<boolean> {
    const target = account(profileId, field);
    return keychain('remove the credential', () => keytar.deletePassword(this.service, target));
  }

  /** Which fields of a profile are set, judged from the entry list rather than by reading values out. */
  async fieldsSet(profileId: string): Promise<SecretField[]> {
    const prefix = `${profileIdSchema.parse(profileId)}/`;
    const credentials = await keychain('list credentials', () => keytar.findCredentials(this.service));
    return SECRET_FIELDS.filter((field) => credentials.some((c) => c.account === `${prefix}${field}`));
  }

  /** Removes every secret of a profile (when the profile is deleted). */
  async clearProfile(profileId: string): Promise<number> {
    let cleared = 0;
    for (const field of SECRET_FIELDS) if (await this.clear(profileId, field)) cleared += 1;
    return cleared;
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
    throw new AppError('UNAVAILABLE', `Could not ${action}: the OS keychain is not available (${reason}).`);
  } finally {
    clearTimeout(timer);
  }
}
