import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary, repoRoot } from '../../scripts/native-runtime.mjs';

// `npm run dist:test` packages the variant with the release fuses but the inspector allowed; DESK_ELECTRON_APP
// pointed at its executable runs this suite against that build instead of the development binary.
const packaged = process.env.DESK_ELECTRON_APP;
if (packaged && !existsSync(packaged)) throw new Error(`DESK_ELECTRON_APP=${packaged} does not exist`);
// Where npm could not download Electron (no access to its server, or ELECTRON_SKIP_BINARY_DOWNLOAD).
const binary = packaged ? { path: packaged } : electronBinary(repoRoot);

/** Why the suite cannot run here ('' when it can), said once per file, loudly. */
export const skipReason =
  'reason' in binary
    ? `SKIPPED: no Electron binary on this machine (${binary.reason}). The desktop suite runs where ` +
      '`npm ci` could download Electron; the same stack is covered through the browser bridge e2e suite.'
    : '';
if (skipReason) console.warn(`\n${'!'.repeat(100)}\n${skipReason}\n${'!'.repeat(100)}\n`);

export interface LaunchOptions {
  /** Extra arguments, e.g. a desk link as the OS hands it to the app. */
  args?: string[];
  /** A data folder to reuse (a restart); a fresh one otherwise, so the desk opens on the Sandbox profile. */
  dataDir?: string;
}

/** Runs `use` on the window of the built desktop app. */
export async function withDesk(
  use: (page: Page, app: ElectronApplication) => Promise<void>,
  options: LaunchOptions = {},
): Promise<void> {
  const app = await electron.launch({
    executablePath: 'path' in binary ? binary.path : '',
    args: [...(packaged ? [] : ['dist/main/main.cjs']), ...(options.args ?? [])],
    env: {
      ...process.env,
      DESK_DATA_DIR: options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'desk-electron-')),
    },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('status', { name: 'Environment: SANDBOX' })).toBeVisible();
    await use(page, app);
  } finally {
    await app.close();
  }
}
