import { expect, test } from '@playwright/test';
import { channelNames } from '../../shared/contract';
import { fuzzEveryChannel } from '../support/desk-fuzz';
import { spawnBridge, type RunningBridge } from './spawn-bridge';
import { hasChromium, missingChromiumReason } from './system-browser';

test.skip(!hasChromium, missingChromiumReason);

let bridge: RunningBridge;
test.beforeAll(async () => {
  bridge = await spawnBridge();
});
test.afterAll(async () => {
  await bridge?.stop();
});

test('every channel refuses hostile input through window.desk with VALIDATION, and the desk keeps working', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(bridge.url);
  await expect(page.getByRole('status', { name: 'Environment: SANDBOX' })).toBeVisible();

  const endpoints = await page.evaluate(() => window.desk!.sandbox.endpoints());
  if (!endpoints.ok) throw new Error(endpoints.error.message);
  const orderCounts = async () =>
    Promise.all(
      [endpoints.value.ascenda, endpoints.value.gcp].map(
        async (url) => ((await (await fetch(`${url}/__sandbox/state`)).json()) as { orders: number }).orders,
      ),
    );
  const before = await orderCounts();

  const { calls, kinds, problems } = await page.evaluate(fuzzEveryChannel, [...channelNames]);
  expect(problems).toEqual([]);
  expect(calls).toBe(channelNames.length * kinds);

  // Nothing was sent or journaled.
  expect(await orderCounts()).toEqual(before);
  expect(await page.evaluate(() => window.desk!.placements.recent())).toEqual({ ok: true, value: [] });
  // The same connection still answers (an oversized message would have closed it), and the UI still works.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Test Ascenda connection' }).click();
  await expect(page.getByRole('status', { name: 'Ascenda connection result' })).toContainText('✓ Connected');
});
