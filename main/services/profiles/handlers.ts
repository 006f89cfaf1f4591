import type { HandlersOf } from '../channel-handlers';
import type { Services } from '../services';

export function profilesHandlers(s: Services): HandlersOf<'profiles'> {
  return {
    'profiles.list': () => s.profiles.list(),
    'profiles.create': (draft) => s.profiles.create(draft),
    'profiles.update': ({ id, changes }) => s.settings.update(id, changes),
    'profiles.delete': ({ id }) => s.deletion.delete(id),
    'profiles.deletionCheck': ({ id }) => s.deletion.check(id),
    'profiles.assignLegacyRate': ({ id, currency }) => s.settings.assignLegacyRate(id, currency),
    'profiles.activate': ({ id }) => s.profiles.activate(id),
  };
}

export function secretsHandlers(s: Services): HandlersOf<'secrets'> {
  return {
    'secrets.status': ({ profileId }) => s.settings.secretStatus(profileId),
    'secrets.set': ({ profileId, field, value }) => s.settings.setSecret(profileId, field, value),
    'secrets.clear': ({ profileId, field }) => s.settings.clearSecret(profileId, field),
  };
}
