import { accessSync, constants, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_NAME } from './data-dir';

/**
 * Where exports are written: the data folder's `exports`, or (when the data folder cannot be written: a
 * read-only mount, a locked-down profile) the user's Downloads, or else the temporary folder. The agent is told
 * which (the read-only banner, and every export's reply names its file).
 */
export function exportFolder(dataDir: string): string {
  const candidates = [
    path.join(dataDir, 'exports'),
    path.join(os.homedir(), 'Downloads'),
    path.join(os.tmpdir(), `${APP_NAME} exports`),
  ];
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
  return candidates[2]!;
}
