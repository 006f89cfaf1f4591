import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../renderer/desk';
import { hasChromium, missingChromiumReason } from './system-browser';

test.skip(!hasChromium, missingChromiumReason);

/** The bridge's URL with more in its fragment, as a ticket-system macro builds it. */
const linked = (extra: string) => `${process.env.DESK_BRIDGE_URL!}&${extra}`;
const screens = (page: Page) => page.getByRole('navigation', { name: 'Screens' });
const placements = (page: Page) =>
  page.evaluate(async () => {
    const reply = await window.desk!.placements.recent();
    return reply.ok ? reply.value.length : -1;
  });

test('a link with lookup=<reference> opens Lookup and runs that look-up, and only that', async ({ page }) => {
  await page.goto(process.env.DESK_BRIDGE_URL!);
  await expect(page.getByRole('status', { name: 'Environment: SANDBOX' })).toBeVisible();
  const before = await placements(page);
  await page.goto(linked('lookup=TICKET-4242'));
  await page.reload();
  await expect(screens(page).getByRole('button', { name: 'Lookup' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('status', { name: 'Where the desk looked' })).toContainText(
    'for “TICKET-4242”',
  );
  await expect(page.getByRole('searchbox')).toHaveValue('TICKET-4242');
  // Taken from the address, so reloading the page does not run it again; the token stays.
  expect(new URL(page.url()).hash).toMatch(/^#token=[\w-]+$/);
  expect(await placements(page)).toBe(before);
});

test('a hostile link is refused with its reason, and nothing runs', async ({ page }) => {
  // Loaded first, so the link below changes only the fragment and the reload is what reads it (once).
  await page.goto(process.env.DESK_BRIDGE_URL!);
  await expect(page.getByRole('status', { name: 'Environment: SANDBOX' })).toBeVisible();
  await page.goto(linked(`lookup=${encodeURIComponent('PO-1 place=1')}`));
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'The link’s look-up was not run' })).toContainText(
    'printable characters without spaces',
  );
  await expect(screens(page).getByRole('button', { name: 'Catalogue' })).toHaveAttribute(
    'aria-current',
    'page',
  );
});

test('Settings exports diagnostics as one zip in the data folder, and says updates are the desktop app’s', async ({
  page,
}) => {
  await page.goto(process.env.DESK_BRIDGE_URL!);
  await screens(page).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Export diagnostics' }).click();
  const result = page.getByRole('status', { name: 'Diagnostics export result' });
  await expect(result).toContainText('✓ Saved');
  const file = (await result.locator('.path').textContent())!;
  expect(path.dirname(file)).toBe(path.join(process.env.DESK_E2E_DATA_DIR!, 'exports'));
  expect(existsSync(file)).toBe(true);
  await page.getByRole('button', { name: 'Check for updates' }).click();
  await expect(page.getByRole('status', { name: 'Update check result' })).toContainText(
    'The browser bridge runs from a checkout',
  );
  await page.getByRole('textbox', { name: 'Update feed address' }).fill('http://updates.example/desk');
  await page.getByRole('button', { name: 'Save update settings' }).click();
  await expect(page.getByText('The update feed is an https:// address')).toBeVisible();
});
