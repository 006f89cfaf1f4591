import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../renderer/desk';
import { spawnBridge, type RunningBridge } from './spawn-bridge';
import { hasChromium, missingChromiumReason } from './system-browser';

test.skip(!hasChromium, missingChromiumReason);
test.describe.configure({ mode: 'serial' });

// 9,780 Ascenda cards + 220 GiftCard Partners products: the 10,000 items the screen must filter as you type.
let bridge: RunningBridge;
let page: Page;
test.beforeAll(async ({ browser }) => {
  bridge = await spawnBridge(['--sandbox-gift-cards', '9780']);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  page = await context.newPage();
  await page.goto(bridge.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Catalogue' }).click();
});
test.afterAll(async () => {
  await page?.context().close();
  await bridge?.stop();
});

const count = () => page.getByRole('status', { name: 'Catalogue count' });

test('fetches both catalogues into the cache and filters 10,000 items as you type', async () => {
  await expect(count()).toHaveText('10,000 of 10,000 cards', { timeout: 20_000 });
  await expect(page.getByRole('list', { name: 'Catalogue freshness' })).toContainText(
    'Ascenda: fetched just now',
  );
  const search = page.getByLabel('Search cards');
  const started = Date.now();
  await search.pressSequentially('aurora');
  await expect(count()).not.toHaveText('10,000 of 10,000 cards');
  console.log(
    `catalogue: typed 6 characters over 10,000 items, count settled ${Date.now() - started} ms after the first key`,
  );
  const rows = page.getByRole('table', { name: 'Catalogue' }).getByRole('row');
  await expect(rows.nth(1)).toContainText(/aurora/i);
  await page.getByLabel('Supplier').selectOption({ label: 'Ascenda' });
  await page.getByLabel('Country').selectOption('SG');
  await expect(rows.nth(1)).toContainText('SG');
  await page.getByLabel('Value from').fill('100');
  await expect(rows.nth(1)).toContainText('100');
  await page.screenshot({ path: 'test-results/e2e/catalogue-filtered.png' });
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);
});

test("opens a card with the supplier's content as delivered, and never runs the supplier's script", async () => {
  await page.getByLabel('Search cards').fill('gc_0007');
  await page.getByLabel('Country').selectOption('');
  await page.getByLabel('Value from').fill('');
  const row = page.getByRole('table', { name: 'Catalogue' }).getByRole('row').nth(1);
  await row.click();
  const detail = page.getByRole('region', { name: /e-Gift Card$/ });
  const description = detail.getByRole('region', { name: 'Description' });
  await expect(description.locator('strong')).toHaveText('anywhere');
  await expect(description.locator('script')).toHaveCount(0);
  await expect(description.locator('[onerror]')).toHaveCount(0);
  // The javascript: href is dropped, so "terms" stays as text and is no longer a link.
  await expect(description.getByText('terms')).toBeVisible();
  await expect(description.locator('a[href^="javascript"]')).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as { __supplierScriptRan?: number }).__supplierScriptRan),
  ).toBeUndefined();
  await expect(detail.getByRole('list', { name: 'Denominations and points' })).toContainText('points');
  await page.screenshot({ path: 'test-results/e2e/catalogue-detail.png' });

  await detail.getByRole('button', { name: 'Place order for this card' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Place order');
  await expect(page.getByRole('form', { name: /^2\. Order .* from Ascenda$/ })).toBeVisible();
});

test('refreshes a supplier on demand', async () => {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Catalogue' }).click();
  await page.getByRole('button', { name: 'Refresh GiftCard Partners catalogue' }).click();
  await expect(page.getByRole('list', { name: 'Catalogue freshness' })).toContainText(
    'GiftCard Partners: fetched just now',
  );
  await expect(page.getByRole('button', { name: 'Refresh GiftCard Partners catalogue' })).toBeEnabled();
});
