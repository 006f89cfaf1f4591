import { autoUpdater } from 'electron-updater';
import type { UpdateCheck, UpdateSettings } from '../../shared/updates';
import type { Logger } from '../log/logger';
import { updateFeed, type Updater } from '../services/app/updates';

/**
 * electron-updater on the generic feed from Settings. An update downloads in the background and installs when
 * the agent quits: never a restart in the middle of a placement (the next start reconciles the journal anyway).
 * Development builds (`npm start`) have no installer to update, and say so.
 */
export function electronUpdater(isPackaged: boolean, version: string, logger: Logger): Updater {
  autoUpdater.logger = {
    info: (message: unknown) => logger.info('updater', { message: String(message) }),
    warn: (message: unknown) => logger.warn('updater', { message: String(message) }),
    error: (message: unknown) => logger.error('updater', { message: String(message) }),
    debug: () => {},
  };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  return {
    async check(settings: UpdateSettings): Promise<UpdateCheck> {
      const none = { currentVersion: version, availableVersion: null };
      if (!isPackaged)
        return {
          ...none,
          status: 'unsupported',
          message: 'This is a development build (npm start): updates apply to the installed desk only.',
        };
      const feed = updateFeed(settings);
      autoUpdater.setFeedURL(feed.options);
      autoUpdater.channel = feed.options.channel;
      autoUpdater.allowPrerelease = feed.allowPrerelease;
      // Going back from beta to stable waits for the next stable release rather than installing an older build.
      autoUpdater.allowDowngrade = false;
      try {
        const result = await autoUpdater.checkForUpdates();
        if (!result?.isUpdateAvailable)
          return {
            ...none,
            status: 'up_to_date',
            message: `Fulfillment Desk ${version} is the newest on the ${settings.channel} channel.`,
          };
        const next = result.updateInfo.version;
        return {
          currentVersion: version,
          availableVersion: next,
          status: 'available',
          message: `Version ${next} is downloading; it is installed when you quit the desk.`,
        };
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        logger.warn('update check failed', { error });
        return {
          ...none,
          status: 'failed',
          message: /CERT|certificate|SSL/i.test(message)
            ? `The update feed's certificate was not trusted (${message}). On a corporate network this is usually a proxy that inspects HTTPS: ask IT to add its root certificate to this computer's certificate store.`
            : `The update feed could not be read (${message}). Check the address under Settings → Updates.`,
        };
      }
    },
  };
}
