import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { dataPaths } from '../../main/environment/data-paths';
import { openDatabase } from '../../main/store/sqlite/open-database';
import { OrdersStore } from '../../main/store/sqlite/orders-store';
import { makeOrder } from '../support/orders';
import { spawnBridge } from './spawn-bridge';
import { hasChromium, missingChromiumReason } from './system-browser';

test.skip(!hasChromium, missingChromiumReason);

test('a search matching more than 10,000 cached orders says "10,000+", and the exact count once scrolled to the end', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // 12,000 cached orders that all match: the count stops at 10,000 past the first page.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  const db = openDatabase(dataPaths(dataDir).cacheFile('sandbox'));
  const store = new OrdersStore(db);
  db.transaction(() =>
    store.upsert(
      Array.from({ length: 12_000 }, (_, i) => makeOrder(i + 1, { product: 'Juniper Spa' })),
      new Date().toISOString(),
    ),
  )();
  db.close();
  const bridge = await spawnBridge([], dataDir);
  try {
    await page.goto(bridge.url);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History' }).click();
    const count = page.getByRole('status').filter({ hasText: 'cached orders match' });
    await expect(count).toHaveText('12,000 cached orders match');
    await page.getByLabel('Search orders').fill('juniper');
    await expect(count).toHaveText('10,000+ cached orders match');
    const table = page.getByRole('table', { name: 'Cached orders' });
    await expect(table.getByRole('row').nth(1)).toContainText('ref-012000');
    // Going to the last row counted asks for a deeper page, which counts to the end.
    await table.getByRole('row').nth(1).focus();
    await page.keyboard.press('End');
    await expect(count).toHaveText('12,000 cached orders match');
    await page.keyboard.press('End');
    await expect(table.getByRole('row').filter({ hasText: 'ref-000001' })).toBeVisible();
  } finally {
    await bridge.stop();
  }
});
