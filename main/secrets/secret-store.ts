import keytar from 'keytar';
import { z } from 'zod';

/** The keychain service name every entry is filed under (visible in the OS keychain UI and secret-tool). */
export const KEYCHAIN_SERVICE = 'Fulfillment Desk';

/** The credentials a profile can hold. Nothing else is ever written to the keychain. */
export const SECRET_FIELDS = ['ascenda.clientId', 'ascenda.clientSecret', 'gcp.email', 'gcp.accessToken'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

const profileIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'profile id: lowercase letters, digits and dashes');
const fieldSchema = z.enum(SECRET_FIELDS);
const valueSchema = z
  .string()
  .min(1, 'a secret cannot be empty')
  .max(4096, 'a secret is at most 4096 characters')
  .refine((v) => !v.includes('\0'), 'a secret cannot contain NUL');

/**
 * Secrets live only in the OS keychain (keytar: libsecret / Keychain / Credential Manager), one entry per
 * profile and field, account `<profileId>/<field>`. `read` exists for main's own use (supplier clients); the
 * IPC layer offers only set, clear and isSet, so a secret never travels back to the renderer.
 */
export class SecretStore {
  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  async set(profileId: string, field: SecretField, value: string): Promise<void> {
    await keytar.setPassword(this.service, account(profileId, field), valueSchema.parse(value));
  }

  async read(profileId: string, field: SecretField): Promise<string | null> {
    return keytar.getPassword(this.service, account(profileId, field));
  }

  async isSet(profileId: string, field: SecretField): Promise<boolean> {
    return (await this.read(profileId, field)) !== null;
  }

  /** Returns whether there was anything to clear. */
  async clear(profileId: string, field: SecretField): Promise<boolean> {
    return keytar.deletePassword(this.service, account(profileId, field));
  }

  /** Which fields of a profile are set, without reading their values out of the store. */
  async fieldsSet(profileId: string): Promise<SecretField[]> {
    const prefix = `${profileIdSchema.parse(profileId)}/`;
    const credentials = await keytar.findCredentials(this.service);
    return SECRET_FIELDS.filter((field) => credentials.some((c) => c.account === `${prefix}${field}`));
  }

  /** Removes every secret of a profile (when the profile is deleted). */
  async clearProfile(profileId: string): Promise<number> {
    const cleared = await Promise.all(SECRET_FIELDS.map((field) => this.clear(profileId, field)));
    return cleared.filter(Boolean).length;
  }
}

function account(profileId: string, field: SecretField): string {
  return `${profileIdSchema.parse(profileId)}/${fieldSchema.parse(field)}`;
}
