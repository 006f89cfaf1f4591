import { accessSync, constants, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { profileIdSchema } from '../../shared/profile-schema';
import { APP_NAME } from './data-dir';

/**
 * The data folder's layout, derived once from its root: the only place that knows where anything lives in it.
 * Every service, the store, the log and the CLIs take their paths from here.
 */
export interface DataPaths {
  readonly root: string;
  /** Profiles and their settings (never credentials: those are in the OS keychain). */
  readonly profiles: string;
  /** Update channel and the like. */
  readonly appSettings: string;
  /** Placement notices waiting to be shown. */
  readonly notices: string;
  /** Window layouts per display arrangement, and the last screen. */
  readonly windowState: string;
  /** One desk per folder: the desktop app or the bridge holds it. */
  readonly lock: string;
  readonly logs: string;
  readonly logFile: string;
  readonly cache: string;
  /** One SQLite file per profile, so profiles never mix their orders. */
  cacheFile(profileId: string): string;
  /** Deleted profiles' journals and audit logs, read-only, one SQLite file each. */
  readonly archive: string;
  readonly calibration: string;
  /** A profile's supplier calibration, written by the probe's `--apply`. */
  calibrationFile(profileId: string): string;
  /** Conformance reports. */
  readonly probe: string;
  readonly exports: string;
  /**
   * Where exports are written: the data folder's `exports`, or (when the data folder cannot be written: a
   * read-only mount, a locked-down profile) the user's Downloads, or else the temporary folder. The agent is
   * told which (the read-only banner, and every export's reply names its file).
   */
  exportFolder(): string;
}

export function dataPaths(root: string): DataPaths {
  const inRoot = (...parts: string[]) => path.join(root, ...parts);
  const exportsDir = inRoot('exports');
  return {
    root,
    profiles: inRoot('profiles.json'),
    appSettings: inRoot('app-settings.json'),
    notices: inRoot('notices.json'),
    windowState: inRoot('window-state.json'),
    lock: inRoot('desk.lock'),
    logs: inRoot('logs'),
    logFile: inRoot('logs', 'desk.log'),
    cache: inRoot('cache'),
    cacheFile: (profileId) => inRoot('cache', `${profileIdSchema.parse(profileId)}.sqlite`),
    archive: inRoot('archive'),
    calibration: inRoot('calibration'),
    calibrationFile: (profileId) => inRoot('calibration', `${profileId}.json`),
    probe: inRoot('probe'),
    exports: exportsDir,
    exportFolder: () =>
      firstWritable([
        exportsDir,
        path.join(os.homedir(), 'Downloads'),
        path.join(os.tmpdir(), `${APP_NAME} exports`),
      ]),
  };
}

function firstWritable(candidates: string[]): string {
  for (const [i, folder] of candidates.entries()) {
    try {
      // The data folder's own exports folder is made on demand; elsewhere only an existing folder is used...
      if (i !== 1) mkdirSync(folder, { recursive: true });
      accessSync(folder, constants.W_OK);
      return folder;
    } catch {
      // ...and one that cannot be written is passed over for the next.
    }
  }
  return candidates.at(-1)!;
}
