import type { Locator, Page } from '@playwright/test';

/** Ticks the first item the Place order screen's catalogue search lists, and returns the order form. */
export async function pickFirstItem(page: Page): Promise<Locator> {
  await page
    .getByRole('group', { name: /matching item/ })
    .getByRole('radio')
    .first()
    .check();
  return page.getByRole('form', { name: /^2\. Order/ });
}

/**
 * Fills what an Ascenda order needs besides the item: the member (a fresh one unless given, so the
 * duplicate-intent guard has nothing to match) and the card's recipient fields.
 */
export async function fillAscendaMember(
  form: Locator,
  memberId = `M-${Date.now().toString(36)}`,
): Promise<void> {
  await form.getByLabel('Member id (client system)').fill(memberId);
  await form.getByLabel(/^Email/).fill('member@example.com');
  await form.getByLabel(/^Phone number/).fill('+6591234567');
}
