import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type {} from '../../renderer/desk';
import { SCREENS } from '../../renderer/screens/screen-list';
import { fillAscendaMember, pickFirstItem } from '../support/order-form-page';
import type { RunningBridge } from './spawn-bridge';
import { openSyncedDesk } from './synced-desk';
import { hasChromium, missingChromiumReason } from './system-browser';

test.skip(!hasChromium, missingChromiumReason);
test.describe.configure({ mode: 'serial' });

/** The agent's day through the real renderer: issue "The agent's day". */
let bridge: RunningBridge;
let page: Page;
let sim: { ascenda: string; gcp: string };
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  ({ bridge, page, sim } = await openSyncedDesk(browser, { height: 1300, refreshCatalogue: true }));
});
test.afterAll(async () => {
  await page?.context().close();
  await bridge?.stop();
});

const screen = async (label: string) => {
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: label, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(label);
};
const outcome = (value: string) =>
  fetch(`${sim.ascenda}/__sandbox/settings`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ newOrderOutcome: value }),
  });
const refundOwedCount = async () => {
  const text = await page
    .getByRole('navigation', { name: 'Work queues' })
    .getByRole('button', { name: /^Refund owed [\d,]+ items?$/ })
    .textContent();
  return Number(/([\d,]+) items?$/.exec(text!)![1]!.replace(/,/g, ''));
};

async function seriousViolations() {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]!.target.join(' ')} — ${v.nodes[0]!.failureSummary}`,
    );
}

test('a failed order placed from the desk is in Refund owed at once; recording it with a transaction id moves the totals', async () => {
  await screen('Refunds');
  const refundedBefore = await page.getByLabel('Refunded total').textContent();
  const owedBefore = await refundOwedCount();
  await outcome('failed');
  await screen('Place order');
  await page.getByLabel('Search the Ascenda catalogue').fill('US e-gift');
  const form = await pickFirstItem(page);
  const member = `M-${Date.now().toString(36)}`;
  await fillAscendaMember(form, member);
  await form.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('region', { name: /^Journaled: placement #\d+/ })).toContainText(
    /Placed — item failed/,
    { timeout: 15_000 },
  );
  await outcome('random');
  // No sync was asked for: the journal's own order is counted at once.
  await expect.poll(refundOwedCount).toBe(owedBefore + 1);
  await page
    .getByRole('navigation', { name: 'Work queues' })
    .getByRole('button', { name: /^Refund owed / })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Work queues');
  await page.getByLabel('Reference, order id or member id').fill(member);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  const items = page.getByRole('table', { name: 'Refund owed items' });
  await expect(items.getByRole('row')).toHaveCount(2);
  const reference = (await items.getByRole('row').nth(1).locator('code.id').first().textContent())!;
  await items.getByRole('button', { name: `Record refund: ${reference}` }).click();
  await items.getByLabel(`Loyalty transaction id for ${reference}`).fill('LOY-E2E-1');
  await items.getByRole('button', { name: 'Save refund' }).click();
  await expect(page.getByRole('status', { name: 'Queue count' })).toHaveText(
    `Nothing in Refund owed for “${member}”.`,
  );
  await expect.poll(refundOwedCount).toBe(owedBefore);
  await page.screenshot({ path: 'test-results/e2e/agent-day-queue.png' });

  await screen('Refunds');
  await expect(page.getByLabel('Refunded total')).not.toHaveText(refundedBefore!);
  const refunded = Number(
    /^([\d,]+)/.exec((await page.getByLabel('Refunded total').textContent())!)![1]!.replace(/,/g, ''),
  );
  expect(refunded).toBe(Number(/^([\d,]+)/.exec(refundedBefore!)![1]!.replace(/,/g, '')) + 1);
  await page.getByLabel('Show').selectOption('recorded');
  await expect(page.getByRole('table', { name: 'Refunds' })).toContainText('transaction LOY-E2E-1');
  await page.screenshot({ path: 'test-results/e2e/agent-day-refunds.png', fullPage: true });
});

test('a member view, opened by a link, lists the member’s orders from both suppliers', async () => {
  const member = `M-both-${Date.now().toString(36)}`;
  const placed = await page.evaluate(async (memberId) => {
    const desk = window.desk!;
    const cards = await desk.catalogue.search({ supplier: 'ascenda', text: 'US e-gift' });
    const products = await desk.catalogue.search({ supplier: 'gcp', text: '' });
    if (!cards.ok || !products.ok) throw new Error('catalogue');
    const card = cards.value.find((c) => c.supplier === 'ascenda')!;
    const product = products.value.find(
      (p) =>
        p.supplier === 'gcp' && p.denominationType === 'Fixed' && p.deliveryTypes.includes('DigitalDelivery'),
    )!;
    if (card.supplier !== 'ascenda' || product.supplier !== 'gcp') throw new Error('catalogue kinds');
    const settle = async (id: number) => {
      for (;;) {
        const p = await desk.placements.get({ id });
        if (p.ok && !['journaled', 'unknown'].includes(p.value.state)) return p.value;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const a = await desk.placements.place({
      order: {
        supplier: 'ascenda',
        reference: `both-a-${memberId}`,
        memberId,
        giftCardId: card.id,
        giftCardName: card.name,
        value: card.denominations[0]!,
        currency: card.currency!,
        recipient: {
          email: 'member@example.com',
          phoneNumber: '+6591234567',
          firstName: 'Ana',
          lastName: 'Lim',
        },
      },
    });
    if (!a.ok) throw new Error(a.error.message);
    await settle(a.value.id);
    const g = await desk.placements.place({
      order: {
        supplier: 'gcp',
        reference: `both-g-${memberId}`,
        memberId,
        productId: product.id,
        productName: product.name,
        deliveryType: 'DigitalDelivery',
        value: product.denominations[0]!,
        quantity: 1,
        email: 'member@example.com',
      },
    });
    if (!g.ok) throw new Error(g.error.message);
    await settle(g.value.id);
    return { ascenda: a.value.reference, gcp: g.value.reference };
  }, member);
  // The deep link's fragment: the renderer opens the member view on it.
  await page.evaluate((memberId) => {
    window.location.hash = `${window.location.hash.replace(/&member=[^&]*/, '')}&member=${encodeURIComponent(memberId)}`;
  }, member);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Member');
  await expect(page.getByRole('heading', { level: 2, name: `Member ${member}` })).toBeFocused();
  const orders = page.getByRole('table', { name: 'Member orders' });
  await expect(orders.getByRole('row').filter({ hasText: placed.ascenda })).toContainText('Ascenda');
  await expect(orders.getByRole('row').filter({ hasText: placed.gcp })).toContainText('GiftCard Partners');
  await page.screenshot({ path: 'test-results/e2e/agent-day-member.png', fullPage: true });
});

test('History filters, sort and columns survive navigation and a reload', async () => {
  // A GiftCard Partners product's name (its orders carry ids only; the desk lists and searches them by name).
  const word = await page.evaluate(async () => {
    const reply = await window.desk!.history.query({
      filter: { supplier: 'gcp' },
      sort: { column: 'createdAt', direction: 'desc' },
      offset: 0,
      limit: 1,
    });
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value.rows[0]!.products.split(/[ ,]/)[0]!.toLowerCase();
  });
  expect(word).toMatch(/^[a-z]{3,}$/);
  await screen('History');
  const filters = page.getByRole('search', { name: 'Filter cached orders' });
  await filters.getByLabel('Search orders').fill(word);
  await filters.getByLabel('Supplier').selectOption('gcp');
  await page.getByText(/^Columns \(/).click();
  await page.getByRole('group', { name: 'Show columns' }).getByLabel('Recipient').uncheck();
  await page.getByRole('columnheader', { name: /Total \(face value\)/ }).click();
  await expect(page.getByRole('columnheader', { name: /Total \(face value\)/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await screen('Lookup');
  await screen('History');
  await expect(filters.getByLabel('Search orders')).toHaveValue(word);
  await expect(filters.getByLabel('Supplier')).toHaveValue('gcp');
  await expect(page.getByRole('columnheader', { name: 'Recipient' })).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: /Total \(face value\)/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  // Saved with the profile: a reload (or the next session) opens on the same view.
  await page.waitForTimeout(600);
  await page.reload();
  await screen('History');
  await expect(filters.getByLabel('Search orders')).toHaveValue(word);
  await expect(page.getByRole('columnheader', { name: 'Supplier order id' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Deposit cost' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'cached orders match' })).not.toHaveText(/^0 /);
  await page.screenshot({ path: 'test-results/e2e/agent-day-history-view.png' });
  await filters.getByLabel('Search orders').fill('');
  await filters.getByLabel('Supplier').selectOption('');
});

test('keyboard only: a look-up and a placement land focus on their results', async () => {
  const reference = await page.evaluate(async () => {
    const reply = await window.desk!.history.query({
      filter: { supplier: 'ascenda' },
      sort: { column: 'createdAt', direction: 'asc' },
      offset: 0,
      limit: 1,
    });
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value.rows[0]!.reference;
  });
  await page.keyboard.press('Control+K');
  await page.keyboard.type(reference);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lookup');
  await expect(page.getByRole('list', { name: 'Results' }).getByRole('button').first()).toBeFocused();

  // "/" goes to the screen's search box; a look-up typed there lands on its results too.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('Place order');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Place order');
  await page.locator('body').focus();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search the Ascenda catalogue')).toBeFocused();
  await page.keyboard.type('US e-gift');
  await expect(
    page
      .getByRole('group', { name: /matching item/ })
      .getByRole('radio')
      .first(),
  ).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  const form = page.getByRole('form', { name: /^2\. Order/ });
  await expect(form).toBeVisible();
  // Submitting an empty member id: nothing is sent, the error is announced and focus lands on the field.
  await form.getByLabel('Member id (client system)').focus();
  await page.keyboard.press('Enter');
  await expect(form.getByText(/^Nothing was sent: \d+ fields? needs? attention/)).toHaveAttribute(
    'aria-live',
    'assertive',
  );
  await expect(form.getByLabel('Member id (client system)')).toBeFocused();
  await page.keyboard.type(`M-kb-${Date.now().toString(36)}`);
  for (const [label, value] of [
    [/^Email/, 'member@example.com'],
    [/^Phone number/, '+6591234567'],
  ] as const) {
    await form.getByLabel(label).focus();
    await page.keyboard.type(value);
  }
  await page.keyboard.press('Enter');
  const placed = page.getByRole('region', { name: /^Journaled: placement #\d+/ });
  await expect(placed.getByRole('heading', { level: 2 })).toBeFocused();
});

test('axe finds no serious issue on any screen, in the light and the dark theme', async () => {
  test.setTimeout(180_000);
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const { label } of SCREENS) {
      await screen(label);
      // Let the screen's first answer arrive: axe reads what the agent would see.
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      for (const v of await seriousViolations()) found.push(`${colorScheme} · ${label}: ${v}`);
    }
    await page.screenshot({ path: `test-results/e2e/agent-day-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: null });
  expect(found).toEqual([]);
});
