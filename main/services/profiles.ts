import type { Profile } from '../../shared/domain';

/** The profile a new install opens on: the local simulators, so the desk is useful before any credentials. */
export const SANDBOX_PROFILE: Profile = Object.freeze({
  id: 'sandbox',
  name: 'Sandbox',
  environment: 'sandbox',
  builtIn: true,
});

export class ProfileService {
  private readonly activeId = SANDBOX_PROFILE.id;

  list(): Profile[] {
    return [{ ...SANDBOX_PROFILE }];
  }

  active(): Profile {
    return this.list().find((p) => p.id === this.activeId) ?? { ...SANDBOX_PROFILE };
  }
}
