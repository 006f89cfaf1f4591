import { z } from 'zod';
import { updateSettingsSchema, type UpdateCheck, type UpdateSettings } from '../../../shared/updates';
import { SettingsFile } from '../settings-file';
import type { DataPaths } from '../../environment/data-paths';

/** The desktop app's updater (electron-updater, in main/app); the browser bridge has none. */
export interface Updater {
  check(settings: UpdateSettings): Promise<UpdateCheck>;
}

const fileSchema = z.object({ version: z.literal(1), updates: updateSettingsSchema });

/**
 * The update feed and channel, a desk-wide setting in `app-settings.json` (not per profile: one installation has
 * one feed), and checks against it through whichever updater the transport has.
 */
export class UpdateService {
  private readonly store: SettingsFile<z.infer<typeof fileSchema>>;

  constructor(
    paths: DataPaths,
    private readonly version: string,
    private readonly updater: Updater | null,
  ) {
    this.store = new SettingsFile(paths.appSettings, fileSchema, () => ({
      version: 1 as const,
      updates: { channel: 'stable' as const, feedUrl: '' },
    }));
  }

  get warning(): string | null {
    return this.store.warning;
  }

  settings(): UpdateSettings {
    return this.store.value.updates;
  }

  configure(updates: UpdateSettings): UpdateSettings {
    return this.store.update((file) => ({ ...file, updates })).updates;
  }

  async check(): Promise<UpdateCheck> {
    const none = { currentVersion: this.version, availableVersion: null };
    if (!this.updater)
      return {
        ...none,
        status: 'unsupported',
        message:
          'The browser bridge runs from a checkout of the desk: update it with git pull and npm ci. The installed ' +
          'desktop app checks its update feed.',
      };
    const settings = this.settings();
    if (settings.feedUrl === '')
      return {
        ...none,
        status: 'not_configured',
        message: 'No update feed is set. Enter the address IT gave you under Settings → Updates.',
      };
    return this.updater.check(settings);
  }
}

/** The electron-updater feed for the settings: stable reads latest.yml; beta reads beta.yml and takes pre-releases. */
export function updateFeed(settings: UpdateSettings): {
  options: { provider: 'generic'; url: string; channel: 'latest' | 'beta' };
  allowPrerelease: boolean;
} {
  const beta = settings.channel === 'beta';
  return {
    options: { provider: 'generic', url: settings.feedUrl, channel: beta ? 'beta' : 'latest' },
    allowPrerelease: beta,
  };
}
