import type { Profile } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { SECRET_FIELDS, type SecretField, type SecretStatus } from '../../../shared/secrets';
import type { Logger } from '../../log/logger';
import type { SecretStore } from '../../secrets/secret-store';
import type { CacheStores } from '../cache-stores';
import type { SupplierClients } from '../suppliers/supplier-clients';
import type { ProfileEdit, ProfileService } from './profiles';

/** The settings that move money or name who did it: a change to any is audited in the profile's own log. */
const AUDITED = [
  'agentName',
  'pointRates',
  'maxOrderValues',
  'duplicateWindowDays',
  'unknownStatusAlertHours',
  'environment',
] as const;

export interface ProfileSettingsDeps {
  profiles: ProfileService;
  secrets: SecretStore;
  clients: SupplierClients;
  stores: CacheStores;
  logger: Logger;
}

/**
 * What an agent changes on a profile: its settings (audited), its legacy rate's currency (audited) and its
 * credentials (keychain only; the Sandbox has none to change). Supplier clients are rebuilt after each.
 */
export class ProfileSettings {
  constructor(private readonly deps: ProfileSettingsDeps) {}

  async update(id: string, changes: ProfileEdit): Promise<Profile> {
    const before = this.deps.profiles.get(id);
    const profile = this.deps.profiles.update(id, changes);
    this.deps.clients.invalidate(id);
    await this.audit(before, profile);
    return profile;
  }

  async assignLegacyRate(id: string, currency: string): Promise<Profile> {
    const before = this.deps.profiles.get(id);
    const profile = this.deps.profiles.assignLegacyRate(id, currency);
    await this.deps.stores
      .for(id)
      .audit.append(profile.agentName, 'legacy cost per point assigned', currency, {
        costPerPoint: before.legacyRate?.costPerPoint,
        maxOrderValue: before.legacyRate?.maxOrderValue,
      });
    return profile;
  }

  /** Which credentials are set, never their values. */
  async secretStatus(profileId: string): Promise<SecretStatus> {
    const profile = this.deps.profiles.get(profileId);
    const set = profile.builtIn ? [] : await this.deps.secrets.fieldsSet(profileId);
    const fields = Object.fromEntries(
      SECRET_FIELDS.map((f) => [f, set.includes(f)]),
    ) as SecretStatus['fields'];
    return { profileId, builtIn: profile.builtIn, fields };
  }

  async setSecret(profileId: string, field: SecretField, value: string): Promise<SecretStatus> {
    this.editable(profileId);
    await this.deps.secrets.set(profileId, field, value);
    this.deps.clients.invalidate(profileId);
    this.deps.logger.info('credential saved', { profileId, field });
    return this.secretStatus(profileId);
  }

  async clearSecret(profileId: string, field: SecretField): Promise<SecretStatus> {
    this.editable(profileId);
    await this.deps.secrets.clear(profileId, field);
    this.deps.clients.invalidate(profileId);
    this.deps.logger.info('credential cleared', { profileId, field });
    return this.secretStatus(profileId);
  }

  private editable(profileId: string): void {
    if (this.deps.profiles.get(profileId).builtIn) {
      throw new AppError(
        'VALIDATION',
        'The Sandbox profile uses the simulators’ built-in credentials; it stores none.',
      );
    }
  }

  /** Who changed which money-relevant setting, in the profile's own audit log (the name change included). */
  private async audit(before: Profile, after: Profile): Promise<void> {
    const changed = AUDITED.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    if (changed.length === 0) return;
    const store = this.deps.stores.for(after.id);
    if (changed.includes('agentName')) {
      await store.audit.append(before.agentName, 'agent name changed', after.agentName, {
        from: before.agentName,
        to: after.agentName,
      });
    }
    const others = changed.filter((key) => key !== 'agentName');
    if (others.length > 0) {
      await store.audit.append(
        after.agentName,
        'profile settings changed',
        after.name,
        Object.fromEntries(others.map((key) => [key, { from: before[key], to: after[key] }])),
      );
    }
  }
}
