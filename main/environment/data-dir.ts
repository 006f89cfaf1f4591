import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Fulfillment Desk';

/** Tests and the bridge point the desk at a throwaway folder with this variable. */
export const DATA_DIR_ENV = 'DESK_DATA_DIR';

/**
 * The folder Electron's app.getPath('userData') would give, for the bridge, which runs without Electron:
 * both transports then read and write the same profile data.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (env[DATA_DIR_ENV]) return path.resolve(env[DATA_DIR_ENV]);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}
