import { expect, test, type Page } from '@playwright/test';
import type {} from '../../renderer/desk';
import { spawnBridge, type RunningBridge } from './spawn-bridge';
import { hasChromium, missingChromiumReason } from './system-browser';

test.skip(!hasChromium, missingChromiumReason);
test.describe.configure({ mode: 'serial' });

// This spec takes the simulators down, so it gets a bridge (and Sandbox) of its own.
let bridge: RunningBridge;
let page: Page;
test.beforeAll(async ({ browser }) => {
  bridge = await spawnBridge();
  page = await browser.newPage();
  await page.goto(bridge.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
});
test.afterAll(async () => {
  await page?.close();
  await bridge?.stop();
});

const simulators = () =>
  page.evaluate(
    async () =>
      (await window.desk!.sandbox.endpoints()) as {
        ok: true;
        value: { ascenda: string; gcp: string };
      },
  );
const control = (url: string, path: string, body?: unknown) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });

test('syncs the 5,000 sandbox orders with a progress bar, and says how fresh the cache is', async () => {
  const { value } = await simulators();
  // Slow the supplier down so the progress is there to see.
  await control(value.ascenda, '/__sandbox/faults', {
    kind: 'delay_before_commit',
    route: 'GET /orders',
    delayMs: 120,
    rate: 1,
  });
  await expect(page.getByText('never synced')).toHaveCount(2);
  await page.getByRole('button', { name: 'Sync now' }).click();
  const progress = page.getByRole('progressbar', { name: 'Ascenda sync progress' });
  await expect(progress).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel sync' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/history-syncing.png' });
  await expect(page.getByText('✓ Synced 2,000 orders')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('✓ Synced 3,000 orders')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/cached as of/)).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: 'cached orders match' })).toHaveText(
    '5,000 cached orders match',
  );
});

test('with the suppliers down, says it is offline and still searches, filters, opens and exports orders', async () => {
  const { value } = await simulators();
  await control(value.ascenda, '/__sandbox/shutdown');
  await control(value.gcp, '/__sandbox/shutdown');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Offline — GiftCard Partners could not be reached' }),
  ).toBeVisible();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Offline — Ascenda could not be reached' }),
  ).toContainText('cached as of');

  const table = page.getByRole('table', { name: 'Cached orders' });
  const firstRow = table.getByRole('row').nth(1);
  const reference = (await firstRow.getByRole('cell').nth(2).textContent())!.trim();
  await page.getByLabel('Search orders').fill(reference.slice(0, -2));
  await expect(table.getByRole('row').filter({ hasText: reference })).toBeVisible();
  const count = page.getByRole('status').filter({ hasText: 'cached orders match' });
  await expect(count).not.toHaveText('5,000 cached orders match');

  await page.getByLabel('Search orders').fill('');
  await page.getByLabel('Status').selectOption({ label: 'Failed — refund due' });
  await expect(count).not.toHaveText('5,000 cached orders match');
  const failed = table.getByRole('row').nth(1);
  await expect(failed).toContainText('Failed — refund due');
  await failed.focus();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: /^Order / });
  await expect(detail).toBeVisible();
  await expect(detail.getByText('The member is owed a refund of the points for this item.')).toBeVisible();
  await expect(detail.getByText('What to do:').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/history-offline.png' });

  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Exported [\d,]+ rows to .*\.csv/ })).toBeVisible();
});

test('sorts on a column header and moves through rows by keyboard', async () => {
  await page.getByLabel('Status').selectOption({ label: 'Any' });
  // Filters apply after a short pause in typing; wait for this one before sorting what it shows.
  await expect(page.getByRole('status').filter({ hasText: 'cached orders match' })).toHaveText(
    '5,000 cached orders match',
  );
  const table = page.getByRole('table', { name: 'Cached orders' });
  const header = table.getByRole('columnheader', { name: /Reference/ });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const rows = table.getByRole('row');
  // The header shows the new order at once; the rows follow when the cache answers.
  await expect(async () => {
    const first = (await rows.nth(1).getByRole('cell').nth(2).textContent())!;
    const second = (await rows.nth(2).getByRole('cell').nth(2).textContent())!;
    expect(first.localeCompare(second)).toBeLessThanOrEqual(0);
  }).toPass();
  await rows.nth(1).focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toBeFocused();
  await page.keyboard.press('End');
  await expect(table.locator('[data-index="4999"]')).toBeFocused();
});
