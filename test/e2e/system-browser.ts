import { existsSync } from 'node:fs';

/** Debian's Chromium: Playwright's own browser download cannot run on this network. */
export const CHROMIUM_PATH = process.env.DESK_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export const hasChromium = existsSync(CHROMIUM_PATH);
export const missingChromiumReason =
  `SKIPPED: e2e needs Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set DESK_CHROMIUM). ` +
  'With CI set this is a failure, not a skip.';
