import { expect, test, type Page } from '@playwright/test';
import type {} from '../../renderer/desk';
import { fillAscendaMember, pickFirstItem } from '../support/order-form-page';
import { spawnBridge, type RunningBridge } from './spawn-bridge';
import { hasChromium, missingChromiumReason } from './system-browser';

test.skip(!hasChromium, missingChromiumReason);
test.describe.configure({ mode: 'serial' });

// Faults are armed on this bridge's simulators, so it gets a bridge (and Sandbox) of its own.
let bridge: RunningBridge;
let page: Page;
let sim: { ascenda: string; gcp: string };
test.beforeAll(async ({ browser }) => {
  bridge = await spawnBridge();
  // Tall enough for the form and the placement timeline side by side in the screenshots.
  page = await browser.newPage({ viewport: { width: 1440, height: 1500 } });
  await page.goto(bridge.url);
  const reply = await page.evaluate(() => window.desk!.sandbox.endpoints());
  if (!reply.ok) throw new Error(reply.error.message);
  sim = reply.value;
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Place order' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Place order');
});
test.afterAll(async () => {
  await page?.close();
  await bridge?.stop();
});

const control = async (url: string, path: string, body?: unknown) => {
  const response = await fetch(`${url}/__sandbox${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as { orders: number };
};

async function pickFirst(supplier: 'Ascenda' | 'GiftCard Partners', search: string) {
  await page.getByRole('group', { name: 'Supplier' }).getByLabel(supplier, { exact: true }).check();
  await page.getByLabel(`Search the ${supplier} catalogue`).fill(search);
  await expect(page.getByRole('group', { name: /matching item/ })).toBeVisible();
  return pickFirstItem(page);
}

test('checks every field before sending, and prices the order in points', async () => {
  const form = await pickFirst('Ascenda', '');
  await form.getByRole('button', { name: 'Place order' }).click();
  await expect(form.getByLabel('Member id (client system)')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Enter the member id from the client system')).toBeVisible();
  await expect(form.getByLabel(/^Email/)).toHaveAttribute('aria-invalid', 'true');
  // The first card may be in a currency without a rate: then the price says so rather than a number.
  await expect(form.getByRole('status', { name: 'Price' })).toContainText(
    /the member pays|points unknown: set a rate for/,
  );
  await expect(form.getByLabel('Reference (reference_id)')).toHaveValue(/^[0-9a-f-]{36}$/);
  await page.screenshot({ path: 'test-results/e2e/place-order-validation.png', fullPage: true });
});

test('a timeout after the supplier committed: checking…, then confirmed, and exactly one order at the supplier', async () => {
  const before = (await control(sim.ascenda, '/state')).orders;
  // The supplier takes the order, then answers after the desk's 5 s deadline; the first look-up also fails once.
  await control(sim.ascenda, '/faults', {
    kind: 'delay_after_commit',
    route: 'POST /fulfillment_orders/gift_cards',
    delayMs: 9_000,
    times: 1,
  });
  await control(sim.ascenda, '/faults', {
    kind: 'status_before_commit',
    route: 'GET /orders',
    status: 503,
    times: 1,
  });
  const form = await pickFirst('Ascenda', '');
  const reference = `e2e-timeout-${Date.now()}`;
  await form.getByLabel('Reference (reference_id)').fill(reference);
  await fillAscendaMember(form);
  await form.getByLabel(/^First name/).fill('Ana');
  await form.getByLabel(/^Last name/).fill('Lim');
  await form.getByRole('button', { name: 'Place order' }).click();

  const panel = page.getByRole('region', { name: new RegExp(`Placement #\\d+ · ${reference}`) });
  const status = panel.getByRole('status', { name: 'Placement status' });
  await expect(status).toHaveText('Sending to Ascenda…');
  await expect(status).toHaveText(/^Checking with Ascenda…/, { timeout: 10_000 });
  await page.screenshot({ path: 'test-results/e2e/place-order-checking.png', fullPage: true });
  await expect(status).toHaveText(/^Placed/, { timeout: 10_000 });
  await expect(status).toHaveText('Placed — fulfilled', { timeout: 10_000 });
  const timeline = panel.getByRole('list', { name: 'Timeline' });
  await expect(timeline).toContainText('Journaled by');
  await expect(timeline).toContainText('Ascenda has our reference; it matches what was journaled');
  await expect(timeline).toContainText('HTTP 503');
  await page.screenshot({ path: 'test-results/e2e/place-order-confirmed.png', fullPage: true });
  expect((await control(sim.ascenda, '/state')).orders).toBe(before + 1);
  await expect(
    page
      .getByRole('list', { name: 'Recent placements' })
      .getByRole('button', { name: new RegExp(reference) }),
  ).toContainText('Placed — fulfilled');
});

test('a reference already used is refused without sending anything, with a link to that order', async () => {
  const before = (await control(sim.ascenda, '/state')).orders;
  await page.getByRole('button', { name: 'Start a new order' }).click();
  const form = await pickFirst('Ascenda', '');
  const used = await page
    .getByRole('list', { name: 'Recent placements' })
    .getByRole('button')
    .first()
    .locator('.path')
    .textContent();
  await form.getByLabel('Reference (reference_id)').fill(used!);
  await fillAscendaMember(form);
  await form.getByRole('button', { name: 'Place order' }).click();
  await expect(form.getByRole('alert')).toContainText(`Reference ${used} is already used`);
  await expect(form.getByRole('button', { name: /^Open placement #\d+ \(Ascenda\)$/ })).toBeVisible();
  expect((await control(sim.ascenda, '/state')).orders).toBe(before);
});

test('GiftCard Partners: the deposit cost against Available, and a warning before a sure insufficient-funds refusal', async () => {
  const form = await pickFirst('GiftCard Partners', '');
  const price = form.getByRole('status', { name: 'Price' });
  await expect(price).toContainText('Deposit cost');
  await expect(price).toContainText('Available');
  await form.getByLabel('Number of cards').fill('9000');
  await expect(price).toContainText('will refuse it (insufficient funds)');
  await page.screenshot({ path: 'test-results/e2e/place-order-gcp-warning.png', fullPage: true });
});
