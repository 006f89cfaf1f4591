import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { spawnBridge } from './spawn-bridge';
import { hasChromium, missingChromiumReason } from './system-browser';

test.skip(!hasChromium, missingChromiumReason);

test('a damaged cache is named in a banner (file, what is wrong, what to do), and placing an order is refused', async ({
  page,
}) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-damaged-'));
  mkdirSync(path.join(dataDir, 'cache'));
  const file = path.join(dataDir, 'cache', 'sandbox.sqlite');
  writeFileSync(file, 'this is not a database, it was overwritten by something else');
  const bridge = await spawnBridge([], dataDir);
  try {
    await page.goto(bridge.url);
    const banner = page.getByRole('alert', { name: 'Damaged cache' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(file);
    await expect(banner).toContainText('it is not an SQLite database');
    await expect(banner).toContainText('sends nothing for this profile');
    await page.screenshot({ path: 'test-results/e2e/health-damaged-cache.png', fullPage: true });
    const refused = await page.evaluate(() =>
      window.desk!.placements.place({
        order: {
          supplier: 'gcp',
          reference: 'damaged-cache-1',
          productId: 'P-1',
          deliveryType: 'DigitalDelivery',
          value: 25,
          quantity: 1,
          email: 'member@example.com',
        },
      }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'CORRUPT' } });
  } finally {
    await bridge.stop();
  }
});

test('a supplier clock set ahead (the simulator’s clock control) shows as clock skew', async ({ page }) => {
  const bridge = await spawnBridge();
  try {
    await page.goto(bridge.url);
    const endpoints = await page.evaluate(() => window.desk!.sandbox.endpoints());
    if (!endpoints.ok) throw new Error(endpoints.error.message);
    const moved = await fetch(`${endpoints.value.gcp}/__sandbox/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceMs: 5 * 3600_000 }),
    });
    expect(moved.status).toBe(200);
    await page.getByRole('button', { name: 'Refresh GiftCard Partners catalogue' }).click();
    const banner = page.getByRole('alert', { name: 'Clock skew' });
    await expect(banner).toContainText('GiftCard Partners runs 5 h ahead of this computer’s clock');
    await page.screenshot({ path: 'test-results/e2e/health-clock-skew.png', fullPage: true });
  } finally {
    await bridge.stop();
  }
});
