import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../renderer/desk';
import { businessDaysAfter } from '../../shared/business-time';
import { spawnBridge, type RunningBridge } from './spawn-bridge';
import { hasChromium, missingChromiumReason } from './system-browser';

test.skip(!hasChromium, missingChromiumReason);
test.describe.configure({ mode: 'serial' });

/**
 * Points transfers through the real renderer (issue 18): a membership checked (a refused one explained), a
 * transfer placed, pending for days without "stuck", then fulfilled; a failed one owes the points back with its
 * code explained. Days pass by moving the desk's test-only clock and the simulators' clocks together, so this
 * spec has a bridge (and Sandbox) of its own.
 */
let bridge: RunningBridge;
let page: Page;
let token: string;
let sim: { ascenda: string; gcp: string };
test.beforeAll(async ({ browser }) => {
  bridge = await spawnBridge(['--test-clock-offset-ms', '0'], undefined, undefined, { DESK_TEST_HOOKS: '1' });
  token = new URL(bridge.url).hash.replace('#token=', '');
  const context = await browser.newContext({ viewport: { width: 1440, height: 1400 } });
  page = await context.newPage();
  await page.goto(bridge.url);
  const endpoints = await page.evaluate(() => window.desk!.sandbox.endpoints());
  if (!endpoints.ok) throw new Error(endpoints.error.message);
  sim = endpoints.value;
});
test.afterAll(async () => {
  await page?.context().close();
  await bridge?.stop();
});

const HOUR = 3_600_000;
let moved = 0;
/** Moves the desk's clock and both simulators' clocks to `at` (epoch ms of real time plus the offset). */
async function moveClocksTo(at: number) {
  const advanceMs = at - (Date.now() + moved);
  moved += advanceMs;
  const desk = await fetch(bridge.testClockUrl!, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ advanceMs }),
  });
  expect(desk.status).toBe(200);
  for (const url of [sim.ascenda, sim.gcp]) {
    const reply = await fetch(`${url}/__sandbox/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceMs }),
    });
    expect(reply.status).toBe(200);
  }
}

const screen = async (name: string) => {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
};

async function seriousViolations() {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]!.target.join(' ')}`);
}

/** Looks a reference up through the command palette (live) and answers the recommendation box. */
async function lookUp(reference: string) {
  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox').fill(reference);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const action = page.getByRole('status', { name: 'Recommended action' });
  await expect(action).toBeVisible();
  return action;
}

/** Place order with a fresh transfer form (after the last success panel, if one is shown). */
async function newTransfer() {
  await screen('Place order');
  const next = page.getByRole('button', { name: 'Start a new order' });
  if (await next.isVisible()) await next.click();
  await page.getByLabel('Points transfer (Ascenda loyalty programme)').check();
  return transferForm();
}

const transferForm = () => page.getByRole('form', { name: /Transfer points to a loyalty programme/ });

test('Catalogue lists the loyalty programmes with their rules beside the cards, filterable', async () => {
  await screen('Catalogue');
  await page.getByRole('tab', { name: 'Loyalty programmes' }).click();
  const table = page.getByRole('table', { name: 'Loyalty programmes' });
  // A profile that never read the list reads it in the background on opening the tab.
  const kris = table.getByRole('row', { name: /KrisFlyer/ });
  await expect(kris).toBeVisible();
  await expect(page.getByRole('status', { name: 'Programme count' })).toHaveText(/^(\d+) of \1 programmes$/);
  // The header and at least six programmes.
  expect(await table.getByRole('row').count()).toBeGreaterThanOrEqual(7);
  await expect(kris).toContainText('500 to 250,000 miles, in steps of 250');
  await expect(kris).toContainText('Asia/Singapore');
  await page.getByLabel('Search programmes').fill('kris');
  await expect(page.getByRole('status', { name: 'Programme count' })).toHaveText(/^1 of \d+ programmes$/);
  await page.getByLabel('Time to credit').selectOption('instant');
  await expect(table.getByRole('row', { name: /KrisFlyer/ })).toHaveCount(0);
  await page.getByLabel('Time to credit').selectOption('');
  expect(await seriousViolations()).toEqual([]);
});

test('a refused membership is explained and nothing is placed; a corrected one is confirmed', async () => {
  await page.getByRole('button', { name: 'Transfer points to KrisFlyer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Place order');
  await expect(page.getByLabel('Points transfer (Ascenda loyalty programme)')).toBeChecked();
  const form = transferForm();
  await expect(form.getByLabel('Programme')).toHaveValue('lp_krisflyer');
  const before = await page.evaluate(async () => {
    const reply = await window.desk!.placements.recent();
    return reply.ok ? reply.value.length : -1;
  });
  await form.getByLabel('Member id (client system)').fill('M-PT-2001');
  await form.getByLabel('Amount (miles)').fill('5000');
  await form.getByLabel('Membership number').fill('8812345678');
  await form.getByLabel('First name on the membership').fill('Mei');
  await form.getByLabel('Last name on the membership').fill('Lim');
  await form.getByRole('button', { name: 'Check membership' }).click();
  const refused = form.getByRole('alert', { name: 'Membership check' });
  await expect(refused).toContainText(
    'Membership refused (TC40001): Name does not match the programme’s record',
  );
  await expect(refused).toContainText('Ask the member for their name exactly as the programme has it');
  await expect(refused).toContainText('Check again once the member has given the corrected details.');
  await page.screenshot({ path: 'test-results/e2e/transfer-membership-refused.png' });
  // Placing anyway is checked again by main, and refused before anything is journaled.
  await form.getByLabel('Points the member redeemed (client system)').fill('6250');
  await form.getByRole('button', { name: 'Place transfer' }).click();
  await expect(form.getByRole('alert').first()).toContainText('refused membership 8812345678 (TC40001)');
  expect(
    await page.evaluate(async () => {
      const reply = await window.desk!.placements.recent();
      return reply.ok ? reply.value.length : -1;
    }),
  ).toBe(before);

  await form.getByLabel('Last name on the membership').fill('Tan');
  // The refusal was for the old name: it is not shown against the new one.
  await expect(form.getByRole('alert', { name: 'Membership check' })).toHaveCount(0);
  await form.getByRole('button', { name: 'Check membership' }).click();
  await expect(form.getByRole('status', { name: 'Membership check' })).toContainText('Membership confirmed');
});

let reference = '';
let placedAt = 0;
test('a transfer is placed, pending for days without "stuck", then fulfilled', async () => {
  const form = transferForm();
  reference = await form.getByLabel('Reference (reference_id)').inputValue();
  await form.getByRole('button', { name: 'Place transfer' }).click();
  placedAt = Date.now() + moved;
  await expect(
    page.getByRole('heading', { name: new RegExp(`Journaled: placement #\\d+ · ${reference}`) }),
  ).toBeFocused();
  const status = page.getByRole('status', { name: 'Placement status' });
  await expect(status).toHaveText('Placed — transfer in progress (may take up to 5 business days)', {
    timeout: 15_000,
  });
  const facts = page.getByRole('region', { name: /^Placement #/ });
  await expect(facts).toContainText('6,250 points redeemed in the client system');
  await expect(facts).toContainText('5,000 miles');

  // KrisFlyer credits after 3 business days in Singapore: an hour before that, days have passed, not stuck.
  const credited = businessDaysAfter(placedAt, 3, 'Asia/Singapore');
  await moveClocksTo(credited - HOUR);
  expect(credited - HOUR - placedAt).toBeGreaterThan(2 * 24 * HOUR);
  let action = await lookUp(reference);
  await expect(action).toContainText(/transfer in progress at Ascenda/i);
  await expect(action).toContainText('Transfers may take up to 5 business days');
  await expect(action).not.toContainText(/stuck/i);
  await page.screenshot({ path: 'test-results/e2e/transfer-pending-days.png' });

  await moveClocksTo(credited + HOUR);
  await page.getByRole('button', { name: 'Refresh from supplier' }).click();
  action = page.getByRole('status', { name: 'Recommended action' });
  await expect(action).toContainText(/delivered/i);
  await expect(action).toContainText('credited the transfer');
  await expect(page.getByRole('list', { name: 'Items' })).toContainText(
    'Points transfer to KrisFlyer — 5,000 units',
  );
});

test('a transfer not credited after five business days is escalated', async () => {
  const form = await newTransfer();
  const stuckReference = await form.getByLabel('Reference (reference_id)').inputValue();
  await form.getByLabel('Member id (client system)').fill('M-PT-2002');
  await form.getByLabel('Programme').selectOption('lp_bonvoy');
  await form.getByLabel('Amount (points)').fill('4000');
  // The Sandbox accepts this membership and never credits it.
  await form.getByLabel('Membership number').fill('123459999');
  await form.getByLabel('First name on the membership').fill('Ken');
  await form.getByLabel('Last name on the membership').fill('Tan');
  await form.getByLabel('Points the member redeemed (client system)').fill('2700');
  await form.getByRole('button', { name: 'Place transfer' }).click();
  // This placement's own panel (the last one's may still be on screen while main checks the membership).
  await expect(
    page.getByRole('heading', { name: new RegExp(`Journaled: placement #\\d+ · ${stuckReference}`) }),
  ).toBeVisible();
  await expect(page.getByRole('status', { name: 'Placement status' })).toHaveText(
    /^Placed — transfer in progress/,
    { timeout: 15_000 },
  );
  // Bonvoy counts business days in New York: an hour before the fifth ends, it is not late.
  const horizon = businessDaysAfter(Date.now() + moved, 5, 'America/New_York');
  await moveClocksTo(horizon - HOUR);
  await expect(await lookUp(stuckReference)).toContainText(/transfer in progress at Ascenda/i);
  await moveClocksTo(horizon + HOUR);
  await page.getByRole('button', { name: 'Refresh from supplier' }).click();
  await expect(page.getByRole('status', { name: 'Recommended action' })).toContainText(
    /Stuck for .*: escalate to Ascenda Ops/,
  );
});

test('a failed transfer owes the points redeemed back, with the network’s code explained', async () => {
  const form = await newTransfer();
  const failedReference = await form.getByLabel('Reference (reference_id)').inputValue();
  await form.getByLabel('Member id (client system)').fill('M-PT-2003');
  await form.getByLabel('Programme').selectOption('lp_skyward');
  await form.getByLabel('Amount (miles)').fill('10000');
  // The Sandbox accepts this membership, then the programme refuses the credit (TC40002).
  await form.getByLabel('Membership number').fill('EK123454444');
  await form.getByLabel('First name on the membership').fill('Ana');
  await form.getByLabel('Last name on the membership').fill('Tan');
  await form.getByLabel('Points the member redeemed (client system)').fill('12000');
  await form.getByRole('button', { name: 'Place transfer' }).click();
  await expect(page.getByRole('status', { name: 'Placement status' })).toHaveText(
    'Placed — transfer failed: refund 12,000 points',
    { timeout: 15_000 },
  );
  const action = await lookUp(failedReference);
  await expect(action).toContainText('Placed — transfer failed: refund 12,000 points');
  await expect(action).toContainText('Account not eligible (TC40002)');
  await expect(action).toContainText('inactive, suspended, needs activation');
  await page.screenshot({ path: 'test-results/e2e/transfer-failed-refund.png' });
  expect(await seriousViolations()).toEqual([]);
});
