import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { spawnBridge } from './spawn-bridge';
import { hasChromium, missingChromiumReason } from './system-browser';

test.skip(!hasChromium, missingChromiumReason);

test('a lost bridge connection shows at once, calls answer "not connected", and the page reconnects by itself', async ({
  page,
}) => {
  // Its own bridge (the shared one must stay up for the other specs), restartable on the same address.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-connection-'));
  const env = { DESK_BRIDGE_TOKEN: randomBytes(24).toString('base64url') };
  let bridge = await spawnBridge([], dataDir, '.', env);
  const port = new URL(bridge.url).port;
  try {
    await page.goto(bridge.url);
    await expect(page.getByRole('status', { name: 'Environment: SANDBOX' })).toBeVisible();
    const banner = page.getByRole('alert', { name: 'Connection to the desk lost' });
    await expect(banner).toHaveCount(0);

    await bridge.stop();
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(/Reconnecting/);
    await expect(banner).toContainText(/UTC|GMT|[A-Z]{3,4}/);
    const whileDown = await page.evaluate(() => window.desk!.profiles.list());
    expect(whileDown).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await page.screenshot({ path: 'test-results/e2e/connection-lost.png', fullPage: true });

    bridge = await spawnBridge(['--port', port], dataDir, '.', env);
    await expect(banner).toHaveCount(0);
    const afterReconnect = await page.evaluate(() => window.desk!.profiles.list());
    expect(afterReconnect).toMatchObject({ ok: true });
    await expect(page.getByRole('status', { name: 'Environment: SANDBOX' })).toBeVisible();
  } finally {
    await bridge.stop();
  }
});
