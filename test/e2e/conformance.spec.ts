import { expect, test, type Page } from '@playwright/test';
import type {} from '../../renderer/desk';
import { SANDBOX_CREDENTIALS } from '../../main/sandbox/sandbox-pair';
import { spawnBridge, type RunningBridge } from './spawn-bridge';
import { hasChromium, missingChromiumReason } from './system-browser';

test.skip(!hasChromium, missingChromiumReason);
test.describe.configure({ mode: 'serial' });

// This spec makes a simulator misbehave, so it gets a bridge (and Sandbox) of its own.
let bridge: RunningBridge;
let page: Page;
test.beforeAll(async ({ browser }) => {
  bridge = await spawnBridge();
  page = await browser.newPage();
  await page.goto(bridge.url);
});
test.afterAll(async () => {
  await page?.close();
  await bridge?.stop();
});

const screen = async (name: string) => {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
};

test('Settings › Check supplier conformance probes the Sandbox, test order included, and finds nothing that differs', async () => {
  test.setTimeout(120_000);
  await screen('Settings');
  await page.getByRole('checkbox', { name: 'Also place one DESK-PROBE- test order per supplier' }).check();
  await page.getByRole('button', { name: 'Check supplier conformance' }).click();
  const result = page.getByRole('status', { name: 'Supplier conformance result' });
  const summary = result.getByRole('heading', { name: /^probe: \d+ settings checked, 0 differ$/ });
  await expect(summary).toBeVisible({ timeout: 90_000 });
  // The work continues with the result: focus is on it.
  await expect(summary).toBeFocused();
  await expect(result.getByText(/Test order \(ascenda\): placed DESK-PROBE-/)).toBeVisible();
  await expect(result.getByText(/Report saved to .*probe/)).toBeVisible();
  await result.getByText(/settings that match or cannot be seen/).click();
  await expect(
    result
      .getByRole('table', { name: 'Other settings' })
      .getByRole('row', { name: /ascenda\.tokenEncoding.*Match.*accepted: form, json, basic/ }),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/conformance.png' });
});

test('History names an order the supplier sent unreadable, with its field, and caches the rest', async () => {
  const endpoints = await page.evaluate(
    async () =>
      (await window.desk!.sandbox.endpoints()) as {
        ok: true;
        value: { ascenda: string };
      },
  );
  const ascenda = endpoints.value.ascenda;
  const { clientId, clientSecret } = SANDBOX_CREDENTIALS.ascenda;
  const token = (await (
    await fetch(`${ascenda}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    })
  ).json()) as { access_token: string };
  const listed = (await (
    await fetch(`${ascenda}/orders?per_page=1&page=7`, {
      headers: { Authorization: `Bearer ${token.access_token}` },
    })
  ).json()) as { data: Array<{ id: string }> };
  const bad = listed.data[0]!.id;
  await fetch(`${ascenda}/__sandbox/misbehave`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ garbledIds: [bad] }),
  });
  const state = (await (await fetch(`${ascenda}/__sandbox/state`)).json()) as { orders: number };
  await screen('History');
  await page.getByRole('button', { name: 'Sync now' }).click();
  // Every order but the unreadable one is cached.
  await expect(page.getByText(`✓ Synced ${(state.orders - 1).toLocaleString('en-US')} orders`)).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText('⚠ 1 supplier order could not be read and is not in the cache')).toBeVisible();
  const row = page
    .getByRole('table', { name: 'Orders that could not be read' })
    .getByRole('row', { name: new RegExp(bad) });
  await expect(row).toContainText('order_items.0.gift_card.value');
  await expect(row).toContainText('Ascenda');
});
