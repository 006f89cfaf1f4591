import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../renderer/desk';
import { spawnBridge, type RunningBridge } from './spawn-bridge';
import { hasChromium, missingChromiumReason } from './system-browser';

test.skip(!hasChromium, missingChromiumReason);
test.describe.configure({ mode: 'serial' });

// Drains and funds the Sandbox deposit, so it gets a bridge (and Sandbox) of its own.
let bridge: RunningBridge;
let page: Page;
let gcpUrl: string;
test.beforeAll(async ({ browser }) => {
  bridge = await spawnBridge();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1300 } });
  page = await context.newPage();
  // Records the desktop notifications the page raises (headless Chromium shows none).
  await page.addInitScript(() => {
    const shown: string[] = [];
    Object.assign(window, {
      __notifications: shown,
      Notification: class {
        static permission = 'granted';
        static requestPermission(): Promise<string> {
          return Promise.resolve('granted');
        }
        constructor(title: string) {
          shown.push(title);
        }
      },
    });
  });
  await page.goto(bridge.url);
  const endpoints = await page.evaluate(() => window.desk!.sandbox.endpoints());
  if (!endpoints.ok) throw new Error(endpoints.error.message);
  gcpUrl = endpoints.value.giftcardPartners;
});
test.afterAll(async () => {
  await page?.context().close();
  await bridge?.stop();
});

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name }).click();
const figure = (name: string) =>
  page.getByRole('definition').filter({ has: page.locator(`xpath=preceding-sibling::dt[.="${name}"]`) });

/** A GiftCard Partners claim-link order straight through window.desk, waited to its end. */
const order = (quantity: number) =>
  page.evaluate(async (quantity) => {
    const desk = window.desk!;
    const snapshot = await desk.catalogue.refresh({ supplier: 'gcp' });
    if (!snapshot.ok) throw new Error(snapshot.error.message);
    const product = snapshot.value.entries
      .map((e) => e.item)
      .find(
        (p) => p.supplier === 'gcp' && p.denominationType === 'Fixed' && p.deliveryTypes.includes('Links'),
      )!;
    const placed = await desk.placements.place({
      order: {
        supplier: 'gcp',
        reference: `e2e-bal-${crypto.randomUUID()}`,
        productId: product.id,
        deliveryType: 'Links',
        value: Math.max(...product.denominations),
        quantity,
      },
    });
    if (!placed.ok) throw new Error(placed.error.message);
    for (;;) {
      const p = await desk.placements.get({ id: placed.value.id });
      if (p.ok && (p.value.state === 'confirmed' || p.value.state === 'rejected')) return p.value.state;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, quantity);

test('the agent sets balance alerts and the funding portal on the Sandbox', async () => {
  await nav('Settings');
  await page.getByRole('button', { name: 'Edit profile' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Sandbox' });
  await edit.getByLabel('Low-balance alerts below').fill('1000, abc');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByLabel('Low-balance alerts below')).toHaveAccessibleDescription(
    /Thresholds are amounts/,
  );
  await edit.getByLabel('Low-balance alerts below').fill('1000, 250');
  await edit.getByLabel('Funding portal address').fill('javascript:alert(1)');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByLabel('Funding portal address')).toHaveAttribute('aria-invalid', 'true');
  await edit.getByLabel('Funding portal address').fill('https://portal.sandbox.example/funding');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
});

test('draining the deposit raises one alert per threshold, and the runway appears', async () => {
  await nav('Balance');
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(figure('Available')).toHaveText('$2,500.00');
  await expect(figure('Runway')).toHaveText('No spending in the last 7 days');
  expect(await order(16)).toBe('confirmed');
  const low = page.getByRole('alert').filter({ hasText: 'Deposit below 1,000 USD' });
  await expect(low).toHaveCount(1);
  expect(await order(1)).toBe('confirmed');
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(figure('Runway')).toHaveText(/^About [\d.]+ (hours|days) at \$[\d,.]+ a day$/);
  await expect(low).toHaveCount(1);
  await expect(
    page.getByRole('list', { name: 'Recent alerts' }).getByText('Deposit below 1,000 USD'),
  ).toHaveCount(1);
  expect(await page.evaluate(() => (window as { __notifications?: string[] }).__notifications)).toContain(
    'Deposit below 1,000 USD',
  );
  await expect(page.getByRole('img', { name: /Deposit balance over \d+ readings/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/balance-drained.png' });
});

test('an order refused for insufficient funds is a balance problem with the amount missing', async () => {
  expect(await order(500)).toBe('rejected');
  await expect(page.getByRole('alert').filter({ hasText: 'Order refused: deposit too low' })).toContainText(
    /the deposit is [\d,.]+ USD short/,
  );
});

test('funding shows in Pending, then in Available when received; Request funding opens the portal', async () => {
  await fetch(`${gcpUrl}/__sandbox/balance/fund`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ amount: 5000 }),
  });
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(figure('Pending')).toHaveText('$5,000.00');
  await fetch(`${gcpUrl}/__sandbox/balance/apply`, { method: 'POST' });
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(figure('Pending')).toHaveText('$0.00');
  await expect(page.getByRole('list', { name: 'Funding received' })).toContainText(
    '$5,000.00 moved from Pending to Available',
  );
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);
  await page.screenshot({ path: 'test-results/e2e/balance-funded.png' });
  // No network here: a stand-in page answers for the portal's address.
  await page
    .context()
    .route('https://portal.sandbox.example/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Funding portal</title>' }),
    );
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Request funding' }).click();
  const portal = await popup;
  await portal.waitForLoadState();
  expect(portal.url()).toBe('https://portal.sandbox.example/funding');
});
