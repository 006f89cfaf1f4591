import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type {} from '../../renderer/desk';
import { hasChromium, missingChromiumReason } from './system-browser';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

test.skip(!hasChromium, missingChromiumReason);

test.beforeEach(async ({ page }) => {
  await page.goto(process.env.DESK_BRIDGE_URL!);
});

test('opens on the Sandbox profile and shows the app info, with nothing on the page failing to load', async ({
  page,
}) => {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  // The page icon (also the bridge tab's favicon) is served, not a 404.
  const icon = page.waitForResponse((response) => /\/256x256-[\w-]+\.png$/.test(response.url()));
  await page.reload();
  expect((await icon).status()).toBe(200);
  await expect(page.getByRole('status', { name: 'Environment: SANDBOX' })).toHaveText('SANDBOX');
  const about = page.getByRole('region', { name: 'About this desk' });
  await expect(about).toContainText(pkg.version);
  await expect(about).toContainText('Sandbox');
  await expect(about).toContainText('Browser bridge');
  await expect(about).toContainText(process.env.DESK_E2E_DATA_DIR!);
  await expect(about.getByText(/^http:\/\/127\.0\.0\.1:\d+$/)).toHaveCount(2);
  await page.screenshot({ path: 'test-results/e2e/shell-light.png', fullPage: true });
  expect(failed).toEqual([]);
});

test('lists every screen and moves between them by keyboard', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Screens' });
  const labels = [
    'Catalogue',
    'Place order',
    'Lookup',
    'Work queues',
    'Member',
    'Refunds',
    'Failures',
    'Bulk recovery',
    'Balance',
    'History',
    'Reconciliation',
    'Audit log',
    'Settings',
  ];
  await expect(nav.getByRole('button')).toHaveText(labels);
  await expect(nav.getByRole('button', { name: 'Catalogue' })).toHaveAttribute('aria-current', 'page');

  await nav.getByRole('button', { name: 'Catalogue' }).focus();
  await page.keyboard.press('ArrowUp');
  await expect(nav.getByRole('button', { name: 'Settings' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(nav.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
});

test('follows the OS dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(15, 20, 25)');
  await page.screenshot({ path: 'test-results/e2e/shell-dark.png', fullPage: true });
});

test('a wrong input through window.desk comes back as a VALIDATION envelope', async ({ page }) => {
  await expect(page.getByRole('status', { name: 'Environment: SANDBOX' })).toBeVisible();
  const result = await page.evaluate(() =>
    (window.desk!.app.info as unknown as (input: unknown) => unknown)(42),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

test('the page cannot run injected inline script (CSP)', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => violations.push(message.text()));
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
  });
  expect(
    await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
  ).toBeUndefined();
  expect(violations.join('\n')).toContain('Content Security Policy');
});

test('no frame can carry the desk: not ours inside the desk, not the desk inside another page', async ({
  page,
  context,
}) => {
  const url = process.env.DESK_BRIDGE_URL!;
  await page.evaluate((deskUrl) => {
    for (const src of [deskUrl, 'data:text/html,<p>frame</p>']) {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
    }
    // A srcdoc frame is not fetched, so frame-src does not apply; it inherits the CSP, so its script cannot run.
    const inline = document.createElement('iframe');
    inline.srcdoc = '<script>parent.document.title = "framed"</script>';
    document.body.append(inline);
  }, url);
  await expect.poll(() => page.frames().length).toBe(4);
  for (const frame of page.frames().slice(1)) {
    await expect.poll(() => frame.url()).toMatch(/^(chrome-error:|about:srcdoc)/);
    expect(await frame.evaluate(() => typeof window.desk)).toBe('undefined');
  }
  expect(await page.title()).toBe('Fulfillment Desk');

  // Another page framing the desk is refused by frame-ancestors.
  const other = await context.newPage();
  await other.setContent(`<iframe title="framed desk" src="${url}"></iframe>`);
  await expect.poll(() => other.frames()[1]?.url()).toMatch(/^chrome-error:/);
  await other.close();
});
